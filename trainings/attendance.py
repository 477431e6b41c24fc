"""Attendance: the organiser marks each confirmed participant present, partly present or
absent per session, or a participant checks in by the session's QR code while it runs; a
training completes for a participant who attended the set share of its sessions (a partly
attended session counts half) and, for a blended training, completed its online course."""

from __future__ import annotations

import hmac
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.api import enrolment_for

from .models.choices import AttendanceMark, MarkedBy, RegistrationState
from .models.registrations import Attendance, Registration
from .models.sessions import TrainingSession
from .selectors import may_organise
from .services import RegistrationRefused
from .signals import training_completed

WEIGHT = {AttendanceMark.PRESENT: Decimal("1"), AttendanceMark.PARTLY: Decimal("0.5")}


def check_in_path(session: TrainingSession) -> str:
    return reverse("trainings:check_in", args=[session.pk, session.check_in_key])


@transaction.atomic
def attendance_mark(*, session: TrainingSession, marks: dict[int, str], by) -> int:
    """Record the organiser's marks for one session ({registration id: mark}); returns how
    many were saved. Only confirmed participants of this training can be marked."""
    if not may_organise(user=by, training=session.training):
        raise PermissionDenied
    if session.cancelled_at is not None:
        raise RegistrationRefused(_("This session is cancelled."))
    if any(mark not in AttendanceMark.values for mark in marks.values()):
        raise RegistrationRefused(_("Unknown attendance mark."))
    registrations = {
        r.pk: r
        for r in Registration.objects.filter(
            pk__in=list(marks),
            training_id=session.training_id,
            state=RegistrationState.CONFIRMED,
        )
    }
    if set(marks) - set(registrations):
        raise RegistrationRefused(_("Only confirmed participants of this training are marked."))
    for pk, mark in marks.items():
        Attendance.objects.update_or_create(
            session=session,
            registration_id=pk,
            defaults={"mark": mark, "marked_by": MarkedBy.TRAINER, "marked_by_user": by},
        )
    for registration in registrations.values():
        registration_completion_update(registration=registration)
    return len(marks)


@transaction.atomic
def check_in(*, session_id: int, key: str, user, now=None) -> Attendance:
    """A participant checks in by the session's code: only with the right key, while the
    session runs (from half an hour before it starts), with a confirmed place."""
    session = TrainingSession.objects.filter(pk=session_id).select_related("training").first()
    if session is None or not hmac.compare_digest(session.check_in_key, key or ""):
        raise RegistrationRefused(_("This check-in code is not valid."))
    if not session.check_in_is_open(now=now):
        raise RegistrationRefused(_("Check-in is open only while the session runs."))
    registration = Registration.objects.filter(
        training_id=session.training_id, user=user, state=RegistrationState.CONFIRMED
    ).first()
    if registration is None:
        raise RegistrationRefused(_("You have no confirmed place on this training."))
    attendance = Attendance.objects.filter(session=session, registration=registration).first()
    if attendance is None:
        attendance = Attendance.objects.create(
            session=session,
            registration=registration,
            mark=AttendanceMark.PRESENT,
            marked_by=MarkedBy.CHECK_IN,
            marked_by_user=user,
        )
    # A trainer's mark stands: checking in does not overrule it.
    registration_completion_update(registration=registration)
    return attendance


def attended_share(registration: Registration) -> Decimal:
    """The share (0 to 1) of the training's sessions held so far that were attended."""
    held = TrainingSession.objects.filter(
        training_id=registration.training_id, cancelled_at__isnull=True
    ).count()
    if not held:
        return Decimal("0")
    marks = Attendance.objects.filter(
        registration=registration, session__cancelled_at__isnull=True
    ).values_list("mark", flat=True)
    return sum((WEIGHT.get(m, Decimal("0")) for m in marks), Decimal("0")) / held


def registration_completion_update(*, registration: Registration) -> bool:
    """Mark the training completed for the participant when they attended enough (and
    completed the linked course); returns whether it is completed. Completion is never
    taken back."""
    if registration.completed_at is not None:
        return True
    training = registration.training
    if attended_share(registration) * 100 < training.completion_share:
        return False
    if training.course_id is not None:
        enrolment = enrolment_for(user=registration.user, course=training.course)
        if enrolment is None or enrolment.completed_at is None:
            return False
    registration.completed_at = timezone.now()
    registration.save(update_fields=["completed_at", "changed_at"])
    transaction.on_commit(
        lambda: training_completed.send(sender=Registration, registration=registration)
    )
    return True


def trainings_complete_after_course(*, enrolment, **kwargs) -> None:
    """Receiver of courses' course_completed: a blended training whose online part this was
    may now be complete for the learner."""
    for registration in Registration.objects.filter(
        user_id=enrolment.user_id,
        training__course_id=enrolment.course_id,
        state=RegistrationState.CONFIRMED,
        completed_at__isnull=True,
    ).select_related("training"):
        registration_completion_update(registration=registration)
