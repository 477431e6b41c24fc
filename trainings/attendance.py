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

from courses.api import Enrolment, canonical_id

from .models.choices import AttendanceMark, MarkedBy, RegistrationState
from .models.registrations import Attendance, Registration
from .models.sessions import TrainingSession
from .selectors import may_organise
from .services import RegistrationRefused
from .signals import attendance_recorded, training_completed

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
    # In bulk: a screen of 40 participants costs a handful of queries, not 40 times as many.
    existing = {
        a.registration_id: a
        for a in Attendance.objects.filter(session=session, registration_id__in=list(marks))
    }
    now = timezone.now()
    changed, new = [], []
    for pk, mark in marks.items():
        attendance = existing.get(pk)
        if attendance is None:
            new.append(
                Attendance(
                    session=session,
                    registration_id=pk,
                    mark=mark,
                    marked_by=MarkedBy.TRAINER,
                    marked_by_user=by,
                )
            )
        elif (attendance.mark, attendance.marked_by, attendance.marked_by_user_id) != (
            mark,
            MarkedBy.TRAINER,
            by.pk,
        ):
            attendance.mark, attendance.marked_by, attendance.marked_by_user = (
                mark,
                MarkedBy.TRAINER,
                by,
            )
            attendance.marked_at = now
            changed.append(attendance)
    Attendance.objects.bulk_create(new)
    Attendance.objects.bulk_update(changed, ["mark", "marked_by", "marked_by_user", "marked_at"])
    attendance_recorded.send(
        sender=Attendance, session_id=session.pk, registration_ids=list(registrations)
    )
    registrations_completion_update(
        training=session.training, registrations=list(registrations.values())
    )
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
        attendance_recorded.send(
            sender=Attendance, session_id=session.pk, registration_ids=[registration.pk]
        )
    # A trainer's mark stands: checking in does not overrule it.
    registration_completion_update(registration=registration)
    return attendance


def attended_shares(*, training, registration_ids) -> dict[int, Decimal]:
    """The share (0 to 1) of the training's sessions held so far that each registration
    attended: two queries, whatever the number of registrations."""
    held = TrainingSession.objects.filter(
        training_id=training.pk, cancelled_at__isnull=True
    ).count()
    shares = dict.fromkeys(registration_ids, Decimal("0"))
    if not held:
        return shares
    for registration_id, mark in Attendance.objects.filter(
        registration_id__in=list(registration_ids), session__cancelled_at__isnull=True
    ).values_list("registration_id", "mark"):
        shares[registration_id] += WEIGHT.get(mark, Decimal("0")) / held
    return shares


def attended_share(registration: Registration) -> Decimal:
    """The share (0 to 1) of the training's sessions held so far that were attended."""
    return attended_shares(training=registration.training, registration_ids=[registration.pk])[
        registration.pk
    ]


def registrations_completion_update(*, training, registrations: list[Registration]) -> set[int]:
    """Mark the training completed for each participant who attended enough (and completed
    the linked course); returns the ids of the registrations now completed. Completion is
    never taken back. A bounded number of queries, whatever the number of registrations."""
    done = {r.pk for r in registrations if r.completed_at is not None}
    open_ = [r for r in registrations if r.completed_at is None]
    if not open_:
        return done
    shares = attended_shares(training=training, registration_ids=[r.pk for r in open_])
    reached = [r for r in open_ if shares[r.pk] * 100 >= training.completion_share]
    if reached and training.course_id is not None:
        completed_online = set(
            Enrolment.objects.filter(
                user_id__in=[r.user_id for r in reached],
                course_id=canonical_id(training.course),
                archived_at__isnull=True,
                completed_at__isnull=False,
            ).values_list("user_id", flat=True)
        )
        reached = [r for r in reached if r.user_id in completed_online]
    if not reached:
        return done
    now = timezone.now()
    for registration in reached:
        registration.completed_at = registration.changed_at = now
    Registration.objects.filter(pk__in=[r.pk for r in reached]).update(
        completed_at=now, changed_at=now
    )

    def announce():
        for registration in reached:
            training_completed.send(sender=Registration, registration=registration)

    transaction.on_commit(announce)
    return done | {r.pk for r in reached}


def registration_completion_update(*, registration: Registration) -> bool:
    """Mark the training completed for the participant when they attended enough (and
    completed the linked course); returns whether it is completed."""
    completed = registrations_completion_update(
        training=registration.training, registrations=[registration]
    )
    return registration.pk in completed


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
