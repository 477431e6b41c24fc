"""Attendance certificates: a participant who completes a training (`training_completed`)
is issued one, in the background, verifiable and revocable like a course certificate
(certificates keeps them; its organisers are their issuers).

What the certificate says of the training is written here, in the holder's language: the
kind, where and when it was held, and its hours (the sessions held, not cancelled)."""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from certificates.api import attendance_certificate_issue
from serbian.api import to_cyrillic, to_latin

from .models import Registration, TrainingSession
from .models.choices import TrainingKind

HALF = Decimal("0.5")


def training_hours(training) -> Decimal:
    """The sessions held (not cancelled), in hours, to the nearest half hour."""
    total = timedelta()
    for starts_at, ends_at in TrainingSession.objects.filter(
        training_id=training.pk, cancelled_at__isnull=True
    ).values_list("starts_at", "ends_at"):
        total += ends_at - starts_at
    hours = Decimal(total.total_seconds()) / 3600
    return (hours / HALF).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * HALF


def _in_script(text: str, language: str) -> str:
    if language == "sr":
        return to_cyrillic(text)
    if language == "sr-latn":
        return to_latin(text)
    return text


def training_described(*, training, language: str) -> str:
    """ "Seminar, Pravosudna akademija, Niš, 12. 10. 2026 – 13. 10. 2026" in `language`: the
    kind, the venue (or "online") and the first and last day of the sessions held."""
    sessions = list(
        TrainingSession.objects.filter(training_id=training.pk, cancelled_at__isnull=True)
        .order_by("starts_at")
        .values_list("starts_at", "ends_at", "venue")
    )
    kind = getattr(training, "kind", "") or getattr(training.specific, "kind", "")
    with translation.override(language):
        parts = [str(TrainingKind(kind).label)] if kind else []
        venues = [venue for _start, _end, venue in sessions if venue]
        parts.append(_in_script(venues[0], language) if venues else _("online"))
        if sessions:
            first = timezone.localtime(sessions[0][0]).date()
            last = timezone.localtime(sessions[-1][1]).date()
            days = formats.date_format(first, "DATE_FORMAT")
            if last != first:
                days = f"{days} – {formats.date_format(last, 'DATE_FORMAT')}"
            parts.append(days)
    return ", ".join(parts)


def attendance_certificate_for(*, registration: Registration):
    """Issue (once) and draw the attendance certificate of a completed registration."""
    training = registration.training
    user = registration.user
    return attendance_certificate_issue(
        user=user,
        training=training.page_ptr,
        institution=user.institution,
        completed_at=registration.completed_at,
        hours=training_hours(training),
    )


@task()
def attendance_certificate_task(*, registration_id: int) -> str:
    registration = (
        Registration.objects.filter(pk=registration_id, completed_at__isnull=False)
        .select_related("training", "user__institution")
        .first()
    )
    if registration is None:
        return "not completed"
    return attendance_certificate_for(registration=registration).serial


def certificate_after_training(*, registration, **kwargs) -> None:
    """Receiver of `training_completed` (sent after the commit)."""
    pk = registration.pk
    transaction.on_commit(lambda: attendance_certificate_task.enqueue(registration_id=pk))
