"""What other apps may use of certificates. Import this module, not certificates' internals.

- `certificate_issue(*, enrolment)`: issue (once) and draw the certificate of a completed
  enrolment; issuing again returns the same certificate. Normally done in the background
  when courses sends `course_completed`.
- `issue_in_background(*, enrolment, **kwargs)`: the receiver of courses' `course_completed`.
- `certificates_for_enrolments(*, enrolment_ids)`: {enrolment id: current certificate}.
- `Certificate`, `CertificateStatus`: the model (see the shared contract) and its statuses;
  `CertificateEvent`, `CertificateAction`: its history (statistics and the demo read them).

Attendance certificates (trainings issues them when a participant completes a training):
- `attendance_certificate_issue(*, user, training, institution, completed_at, hours)`:
  issue (once) and draw; `training` is the training's page.
- `attendance_description_register(describe)`: how a training is described on its
  certificate, `describe(*, training, language) -> str`.
- `attendance_certificates_of(*, user)`: {training page id: current certificate}.
- `CertificateKind`.

For the demo history, which writes certificates as they would have been issued:
- `certificates_record_many(...)`: write certificates and their events as issuing would.
- `serial_next(*, year)`, `code_generate()`, `add_months(moment, months)`.
- `course_title_in(*, course, language)`, `institution_name_in(*, institution, language)`.

Other documents drawn the same way (trainings' sign-in sheets):
- `verification_url(code)`: the absolute URL of a certificate's verify page (its QR code).
- `pdf_from_html(html)`: WeasyPrint with only our own static files (fonts) reachable
  (unsigned: certificates are signed by certificate rendering itself).

Signatures (every certificate's PDF is signed with the issuer's key, certificates.signing):
- `signing_fingerprint()`: the SHA-256 fingerprint of the certificate that signs new PDFs
  (None while nothing signs).
- `SigningNotConfigured`: raised by issuing and drawing where signing is required and no
  key is configured (production); no PDF is then stored.
"""

from .codes import code_generate
from .data import CertificateAction, CertificateKind, CertificateStatus
from .models import Certificate, CertificateEvent
from .rendering import course_title_in, institution_name_in, pdf_from_html, verification_url
from .selectors import attendance_certificates_of
from .selectors import current_certificates_for as certificates_for_enrolments
from .services import (
    add_months,
    attendance_certificate_issue,
    attendance_description_register,
    certificate_issue,
    certificate_issue_task,
    certificates_record_many,
    serial_next,
)
from .signing import SigningNotConfigured, signing_fingerprint


def issue_in_background(*, enrolment, **kwargs) -> None:
    """Receiver of courses.api.course_completed (sent after the commit)."""
    certificate_issue_task.enqueue(enrolment_id=enrolment.pk)


__all__ = [
    "Certificate",
    "CertificateAction",
    "CertificateKind",
    "attendance_certificate_issue",
    "attendance_certificates_of",
    "attendance_description_register",
    "CertificateEvent",
    "CertificateStatus",
    "add_months",
    "certificate_issue",
    "certificates_for_enrolments",
    "code_generate",
    "course_title_in",
    "institution_name_in",
    "issue_in_background",
    "pdf_from_html",
    "serial_next",
    "certificates_record_many",
    "signing_fingerprint",
    "verification_url",
    "SigningNotConfigured",
]
