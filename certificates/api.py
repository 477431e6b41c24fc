"""What other apps may use of certificates. Import this module, not certificates' internals.

- `certificate_issue(*, enrolment)`: issue (once) and draw the certificate of a completed
  enrolment; issuing again returns the same certificate. Normally done in the background
  when courses sends `course_completed`.
- `certificates_for_enrolments(*, enrolment_ids)`: {enrolment id: current certificate}.
- `Certificate`, `CertificateStatus`: the model (see the shared contract) and its statuses.
"""

from .data import CertificateStatus  # noqa: F401


def certificate_issue(*, enrolment):
    from .services import certificate_issue as _issue

    return _issue(enrolment=enrolment)


def certificates_for_enrolments(*, enrolment_ids):
    from .selectors import current_certificates_for

    return current_certificates_for(enrolment_ids=enrolment_ids)


def issue_in_background(*, enrolment, **kwargs) -> None:
    """Receiver of courses.api.course_completed (sent after the commit)."""
    from .tasks import certificate_issue_task

    certificate_issue_task.enqueue(enrolment_id=enrolment.pk)


def __getattr__(name):
    if name == "Certificate":
        from .models import Certificate

        return Certificate
    raise AttributeError(name)


from .models import Certificate, CertificateEvent  # noqa: E402, F401  # Used by demo
from .services import add_months, certificates_record_many  # noqa: E402, F401  # Used by demo
