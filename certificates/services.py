"""Writes for certificates: issuing, rendering, revoking, reissuing (reminders, bulk downloads
and personal data have modules of their own)."""

from __future__ import annotations

import calendar
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from audit.api import AuditAction, audit_record
from courses.api import Enrolment
from serbian.api import name_folded

from . import selectors
from .codes import code_generate
from .data import CertificateAction, CertificateKind, RevocationReason
from .models import Certificate, CertificateEvent, SerialCounter
from .rendering import (
    Design,
    certificate_pdf,
    course_title_in,
    design_load,
    institution_name_in,
)
from .signing import signing_fingerprint

SERIAL_PREFIX = "CT"


def add_months(moment: datetime, months: int) -> datetime:
    """`moment` plus calendar months; the 31st becomes the month's last day."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def serial_next(*, year: int) -> str:
    """The next serial of `year`, e.g. CT-2026-000123. Call inside a transaction: the
    year's counter row stays locked (by the UPDATE) until it ends, so concurrent issuers
    take their numbers in turn and none is given twice."""
    table = connection.ops.quote_name(SerialCounter._meta.db_table)
    sql = f"UPDATE {table} SET last = last + 1 WHERE year = %s RETURNING last"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [year])
        row = cursor.fetchone()
        if row is None:  # the year's first certificate
            SerialCounter.objects.bulk_create([SerialCounter(year=year)], ignore_conflicts=True)
            cursor.execute(sql, [year])
            row = cursor.fetchone()
    return f"{SERIAL_PREFIX}-{year}-{row[0]:06d}"


def _commit_without_waiting_for_disk() -> None:
    """PostgreSQL: let this transaction's commit return before its WAL reaches the disk
    (`synchronous_commit = off`, for this transaction only).

    Safe for issuing: PostgreSQL flushes WAL in order, so any later ordinary commit, such
    as the task worker recording the task as done, makes this one durable too; a crash in
    the few hundred milliseconds before that can lose only a certificate whose task is not
    marked done, and issuing again is idempotent. It saves a disk flush per certificate.
    Only for a transaction of our own: inside a caller's transaction it would relax theirs."""
    if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO OFF")


def event_record(certificate: Certificate, action: str, *, actor=None, reason: str = "") -> None:
    """A line in the certificate's history (issued, revoked, reminded, …)."""
    CertificateEvent.objects.create(
        certificate=certificate, action=action, actor=actor, reason=reason
    )


@transaction.atomic
def certificate_record(*, enrolment: Enrolment) -> Certificate:
    """The certificate of a completed enrolment, created once; issuing again returns it.

    The enrolment row is locked, so two workers issuing for the same completion wait for
    each other and the second finds the first one's certificate.
    """
    _commit_without_waiting_for_disk()
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("user", "course", "completion_institution")
        .get(pk=enrolment.pk)
    )
    # A separate statement, after the lock: it sees a certificate that a concurrent issuer
    # committed while this one waited (a subquery in the locking statement would not).
    existing = Certificate.objects.filter(enrolment=enrolment, is_reissue=False).first()
    if existing:
        return existing
    if enrolment.completed_at is None:
        raise ValidationError(_("Only a completed course earns a certificate."))
    certificate = certificate_unsaved(enrolment=enrolment, issued_at=timezone.now())
    certificate.save(force_insert=True)
    event_record(certificate, CertificateAction.ISSUED)
    return certificate


# How a training is described on its attendance certificate ("Seminar, Niš, 12–13 October
# 2026"), in a language: trainings registers it when it is ready (certificates cannot read
# trainings, which sits above it).
_describe_training = None


def attendance_description_register(describe) -> None:
    """`describe(*, training, language) -> str`: the kind, dates and place of a training."""
    global _describe_training
    _describe_training = describe


def _training_held(*, training, language: str) -> str:
    return _describe_training(training=training, language=language) if _describe_training else ""


def attendance_certificate_record(
    *, user, training, institution, completed_at: datetime, hours
) -> Certificate:
    """The attendance certificate of `user` for `training` (its page in the default locale),
    created once; issuing again returns it. Two issuers at once: the second one's insert
    fails on the one-original constraint, and it returns the first one's certificate."""
    existing = Certificate.objects.filter(
        kind=CertificateKind.ATTENDANCE, training=training, user=user, is_reissue=False
    ).first()
    if existing:
        return existing
    language = user.preferred_language
    issued_at = timezone.now()
    holder_name = user.get_full_name() or user.email
    try:
        with transaction.atomic():
            _commit_without_waiting_for_disk()
            certificate = Certificate.objects.create(
                kind=CertificateKind.ATTENDANCE,
                user=user,
                training=training,
                institution=institution,
                serial=serial_next(year=issued_at.year),
                code=code_generate(),
                issued_at=issued_at,
                language=language,
                holder_name=holder_name,
                holder_form_of_address=user.form_of_address,
                course_title=course_title_in(course=training, language=language),
                held=_training_held(training=training, language=language),
                institution_name=institution_name_in(institution=institution, language=language),
                hours=hours,
                completed_at=completed_at,
            )
            event_record(certificate, CertificateAction.ISSUED)
    except IntegrityError:
        return Certificate.objects.get(
            kind=CertificateKind.ATTENDANCE, training=training, user=user, is_reissue=False
        )
    return certificate


def attendance_certificate_issue(**kwargs) -> Certificate:
    """Issue (once) and draw an attendance certificate (see `attendance_certificate_record`)."""
    certificate = attendance_certificate_record(**kwargs)
    if not certificate.pdf:
        certificate_render(certificate=certificate)
    return certificate


def certificate_unsaved(
    *, enrolment: Enrolment, issued_at: datetime, names: dict | None = None
) -> Certificate:
    """The certificate of a completed enrolment (user, course and completion institution
    fetched with it), numbered but not saved. `names` keeps course titles and institution
    names across calls, for many certificates at once."""
    user, course = enrolment.user, enrolment.course
    language = user.preferred_language
    institution = enrolment.completion_institution
    names = {} if names is None else names
    if ("course", course.pk, language) not in names:
        names["course", course.pk, language] = course_title_in(course=course, language=language)
    if ("institution", institution.pk, language) not in names:
        names["institution", institution.pk, language] = institution_name_in(
            institution=institution, language=language
        )
    holder_name = user.get_full_name() or user.email
    return Certificate(
        enrolment=enrolment,
        user=user,
        course=course,
        institution=institution,
        serial=serial_next(year=issued_at.year),
        code=code_generate(),
        issued_at=issued_at,
        expires_at=(
            add_months(enrolment.completed_at, course.validity_months)
            if course.validity_months
            else None
        ),
        language=language,
        holder_name=holder_name,
        holder_name_folded=name_folded(holder_name),
        holder_form_of_address=user.form_of_address,
        course_title=names["course", course.pk, language],
        institution_name=names["institution", institution.pk, language],
        hours=course.estimated_hours,
        completed_at=enrolment.completed_at,
    )


def certificates_record_many(*, enrolments, issued_at) -> int:
    """Certificates for many completed enrolments at once, each issued at
    `issued_at(enrolment)` and numbered in the order given, with their "issued" events; written
    in bulk (no signals, no PDF: it is drawn when someone asks for it). For the demo's
    learning history."""
    names: dict = {}
    certificates = [
        certificate_unsaved(enrolment=e, issued_at=issued_at(e), names=names) for e in enrolments
    ]
    Certificate.objects.bulk_create(certificates, batch_size=500)
    CertificateEvent.objects.bulk_create(
        [
            CertificateEvent(certificate=c, action=CertificateAction.ISSUED, at=c.issued_at)
            for c in certificates
        ],
        batch_size=1000,
    )
    return len(certificates)


def certificate_render(*, certificate: Certificate, design: Design | None = None) -> Certificate:
    """Draw the PDF, sign it (certificates.signing) and store it privately; a previous file
    is replaced. Where signing is required and no key is configured, `SigningNotConfigured`
    is raised before anything is written: no certificate is handed out unsigned.

    `pdf_rendered_at` is the moment drawing began, so a PDF drawn from a certificate that
    was revoked meanwhile is older than the revocation and counts as stale
    (`Certificate.pdf_is_current`). The file is recorded only if the certificate's
    revocation is still what the drawing showed; otherwise it is drawn again from the row."""
    started = timezone.now()
    pdf = certificate_pdf(certificate=certificate, design=design)
    old_name = certificate.pdf.name
    certificate.pdf.save("certificate.pdf", ContentFile(pdf.data), save=False)
    with transaction.atomic():
        _commit_without_waiting_for_disk()
        recorded = Certificate.objects.filter(
            pk=certificate.pk, revoked_at=certificate.revoked_at
        ).update(pdf=certificate.pdf.name, pdf_rendered_at=started, pdf_signed_by=pdf.signed_by)
    if not recorded:  # revoked while it was drawn: this file shows the old state
        certificate.pdf.storage.delete(certificate.pdf.name)
        fresh = Certificate.objects.get(pk=certificate.pk)
        return certificate_render(certificate=fresh, design=design)
    certificate.pdf_rendered_at = started
    certificate.pdf_signed_by = pdf.signed_by
    if old_name and old_name != certificate.pdf.name:
        certificate.pdf.storage.delete(old_name)
    return certificate


def certificate_pdf_current(*, certificate: Certificate) -> Certificate:
    """The certificate with a PDF that may be handed out: a revoked certificate whose
    stored PDF predates the revocation is drawn again (marked as revoked) first, so the
    PDF of the valid certificate is never served after its revocation; so is a PDF drawn
    unsigned (before signing began) once there is a key to sign with."""
    stale = certificate.revoked_at and not certificate.pdf_is_current
    unsigned = certificate.pdf and not certificate.pdf_signed_by and signing_fingerprint()
    if stale or unsigned:
        certificate_render(certificate=certificate)
    return certificate


def certificate_issue(*, enrolment: Enrolment) -> Certificate:
    """Issue the certificate of a completed enrolment and draw its PDF. Idempotent: the
    same completion always gives the same certificate (drawn once)."""
    certificate = certificate_record(enrolment=enrolment)
    if not certificate.pdf:
        certificate_render(certificate=certificate)
    return certificate


@transaction.atomic
def certificate_revoke(
    *,
    certificate: Certificate,
    actor,
    reason: str,
    category: str = RevocationReason.OTHER,
) -> Certificate:
    """Revoke a certificate for a kind of reason (`RevocationReason`) with details; the
    details are required for "another reason". Its PDF is drawn again, marked as revoked
    (and until then the download draws it: see `certificate_pdf_current`)."""
    if not selectors.viewer_may_revoke(viewer=actor, certificate=certificate):
        raise PermissionDenied
    reason = (reason or "").strip()
    if category not in RevocationReason.values:
        raise ValidationError(_("Choose why the certificate is revoked."))
    if not reason and category == RevocationReason.OTHER:
        raise ValidationError(_("Give the reason for revoking the certificate."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at:
        raise ValidationError(_("This certificate is already revoked."))
    certificate.revoked_at = timezone.now()
    certificate.revocation_category = category
    certificate.revoked_reason = reason
    certificate.save(update_fields=["revoked_at", "revocation_category", "revoked_reason"])
    summary = certificate.revocation_summary
    event_record(certificate, CertificateAction.REVOKED, actor=actor, reason=summary)
    audit_record(
        action=AuditAction.CERTIFICATE_REVOKED,
        actor=actor,
        target=certificate,
        details={"serial": certificate.serial, "category": category, "reason": reason},
    )
    if certificate.pdf:
        pk = certificate.pk
        transaction.on_commit(lambda: certificate_render_task.enqueue(certificate_id=pk))
    return certificate


@transaction.atomic
def certificate_reissue(*, certificate: Certificate, actor, reason: str = "") -> Certificate:
    """A new certificate (new serial and code) for the same completion, with the holder's
    name as it is now in their profile; the old one is superseded and points to it."""
    if not selectors.viewer_may_reissue(viewer=actor, certificate=certificate):
        raise PermissionDenied
    old = Certificate.objects.select_for_update().select_related("user").get(pk=certificate.pk)
    if old.revoked_at or old.superseded_by_id:
        raise ValidationError(_("Only a current, unrevoked certificate can be reissued."))
    now = timezone.now()
    new = Certificate.objects.create(
        kind=old.kind,
        enrolment_id=old.enrolment_id,
        user_id=old.user_id,
        course_id=old.course_id,
        training_id=old.training_id,
        held=old.held,
        institution_id=old.institution_id,
        serial=serial_next(year=now.year),
        code=code_generate(),
        issued_at=now,
        expires_at=old.expires_at,  # a correction does not extend validity
        is_reissue=True,
        language=old.user.preferred_language,
        holder_name=old.user.get_full_name() or old.user.email,
        holder_form_of_address=old.user.form_of_address,
        course_title=old.course_title,
        institution_name=old.institution_name,
        hours=old.hours,
        completed_at=old.completed_at,
    )
    if new.language != old.language:
        subject = old.training if old.is_attendance else old.course
        new.course_title = course_title_in(course=subject, language=new.language)
        new.institution_name = institution_name_in(
            institution=old.institution, language=new.language
        )
        if old.is_attendance:
            new.held = _training_held(training=subject, language=new.language)
        new.save(update_fields=["course_title", "institution_name", "held"])
    old.superseded_by = new
    old.save(update_fields=["superseded_by"])
    event_record(new, CertificateAction.REISSUED, actor=actor, reason=reason)
    event_record(old, CertificateAction.SUPERSEDED, actor=actor, reason=reason)
    transaction.on_commit(lambda: certificate_render_task.enqueue(certificate_id=new.pk))
    return new


def certificates_follow_form_of_address(*, user) -> int:
    """The holder chose another form of address: their certificates take it, and those
    already drawn are drawn again in the background. Returns how many changed."""
    changed = list(
        Certificate.objects.filter(user=user)
        .exclude(holder_form_of_address=user.form_of_address)
        .values_list("pk", "pdf")
    )
    if not changed:
        return 0
    with transaction.atomic():
        Certificate.objects.filter(pk__in=[pk for pk, _pdf in changed]).update(
            holder_form_of_address=user.form_of_address
        )
        to_draw = [pk for pk, pdf in changed if pdf]

        def draw_again():
            for pk in to_draw:
                certificate_render_task.enqueue(certificate_id=pk)

        transaction.on_commit(draw_again)
    return len(changed)


def form_of_address_changed(*, user, **kwargs) -> None:
    """Receiver of accounts.signals.form_of_address_changed."""
    certificates_follow_form_of_address(user=user)


def certificates_regenerate(*, certificates) -> int:
    """Draw the PDFs again (after a design change); serials and codes stay. Returns how many."""
    count = 0
    by_language: dict[str, Design] = {}
    for certificate in certificates.select_related(None).iterator(chunk_size=200):
        design = by_language.get(certificate.language)
        if design is None:
            design = by_language[certificate.language] = design_load(language=certificate.language)
        certificate_render(certificate=certificate, design=design)
        event_record(certificate, CertificateAction.RENDERED)
        count += 1
    return count


# --- Background work (run by `manage.py db_worker`) ---------------------------------------
# Here beside the work they run: the changes above schedule them, and they run it.


@task()
def certificate_issue_task(*, enrolment_id: int) -> str:
    """Issue (once) and draw the certificate of a completed enrolment."""
    enrolment = Enrolment.objects.filter(pk=enrolment_id).first()
    if enrolment is None or enrolment.completed_at is None:
        return "not completed"
    return certificate_issue(enrolment=enrolment).serial


@task()
def certificate_render_task(*, certificate_id: int) -> str:
    certificate = Certificate.objects.filter(pk=certificate_id).first()
    if certificate is None:
        return "missing"
    certificate_render(certificate=certificate)
    return certificate.serial


@task()
def certificates_regenerate_task(*, certificate_ids: list[int]) -> int:
    return certificates_regenerate(certificates=Certificate.objects.filter(pk__in=certificate_ids))
