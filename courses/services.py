"""Writes for courses: enrolling, recording steps, completing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from .models import CoursePage, Enrolment, EnrolmentSource, LessonPage, StepCompletion
from .selectors import (
    canonical_id,
    course_is_visible_to,
    course_of,
    current_enrolment,
    people_course_is_not_meant_for,
    required_step_ids,
)
from .signals import course_completed, enrolment_completed, enrolments_created


def _canonical_course(course: CoursePage) -> CoursePage:
    pk = canonical_id(course)
    return course if pk == course.pk else CoursePage.objects.get(pk=pk)


def prerequisites_missing(*, user, course: CoursePage) -> list[CoursePage]:
    """Prerequisite courses the learner has not completed yet."""
    prerequisites = list(_canonical_course(course).prerequisites.all())
    if not prerequisites:
        return []
    completed = set(
        Enrolment.objects.filter(
            user=user, course__in=prerequisites, completed_at__isnull=False
        ).values_list("course_id", flat=True)
    )
    return [c for c in prerequisites if c.pk not in completed]


@transaction.atomic
def enrolment_create(
    *, user, course: CoursePage, enrolled_by=None, source: str = EnrolmentSource.SELF
) -> tuple[Enrolment, bool]:
    """Enrol `user` in `course` (its canonical locale). Returns (enrolment, created).

    Enrolling twice returns the existing enrolment: the database's unique constraint
    settles races between two tabs or two managers.
    """
    course = _canonical_course(course)
    if source == EnrolmentSource.SELF:
        if not course_is_visible_to(course=course, user=user):
            raise PermissionDenied(_("This course is not open to you."))
        missing = prerequisites_missing(user=user, course=course)
        if missing:
            raise ValidationError(
                _("Complete these courses first: %(courses)s")
                % {"courses": ", ".join(c.title for c in missing)}
            )
    existing = current_enrolment(user=user, course=course)
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                user=user, course=course, enrolled_by=enrolled_by, source=source
            )
    except IntegrityError:
        return current_enrolment(user=user, course=course), False
    return enrolment, True


def course_not_meant_for_message(*, course: CoursePage, users) -> str:
    """Why a manager may not enrol `users`: the course's access, decided by its authors."""
    names = ", ".join(u.email for u in users[:20]) + ("…" if len(users) > 20 else "")
    return _(
        "“%(course)s” is restricted to particular institutions or professions, and these "
        "people are not among them, so they could not open it: %(people)s. Nobody was "
        "enrolled. Leave them out, or ask the course's authors to open it to them."
    ) % {"course": course.title, "people": names}


@transaction.atomic
def enrolments_create_for_people(
    *, users: Iterable, course: CoursePage, enrolled_by, source: str = EnrolmentSource.MANAGER
) -> int:
    """Enrol many people at once (a manager's selection, a subtree, a CSV). Returns how many
    were newly enrolled; those already enrolled are left as they are."""
    course = _canonical_course(course)
    users = list(users)
    refused = people_course_is_not_meant_for(course=course, users=users)
    if refused:
        raise ValidationError(course_not_meant_for_message(course=course, users=refused))
    already = set(
        Enrolment.objects.filter(
            course=course, archived_at__isnull=True, user__in=users
        ).values_list("user_id", flat=True)
    )
    new = [
        Enrolment(user=u, course=course, enrolled_by=enrolled_by, source=source)
        for u in users
        if u.pk not in already
    ]
    Enrolment.objects.bulk_create(new, ignore_conflicts=True)
    if new:
        enrolments_created.send(
            sender=Enrolment, course_id=course.pk, user_ids=[e.user_id for e in new]
        )
    return len(new)


def course_audience_q(course: CoursePage, *, prefix: str = "") -> Q:
    """The people a course is open to, as a filter on users (through `prefix`): everyone for
    an open course; its professions and institution subtrees for a restricted one."""
    if course.access != "restricted":
        return Q()
    q = Q()
    if course.restricted_professions:
        q &= Q(**{f"{prefix}profession__in": course.restricted_professions})
    paths = list(course.restricted_institutions.values_list("path", flat=True))
    if paths:
        within = Q(pk__in=[])
        for path in paths:
            within |= Q(**{f"{prefix}institution__path__startswith": path})
        q &= within
    return q


def enrolments_create_for_plan(*, users, course: CoursePage, enrolled_by=None) -> int:
    """Enrol the people of `users` (a queryset of users) whom a training plan requires to
    take `course`, leaving those already enrolled as they are and those the course is not
    open to out (they are reported by the plan). In batches: a bounded number of queries
    per thousand people. Returns how many were newly enrolled."""
    course = _canonical_course(course)
    ids = list(
        users.filter(course_audience_q(course))
        .exclude(
            pk__in=Enrolment.objects.filter(course=course, archived_at__isnull=True).values(
                "user_id"
            )
        )
        .values_list("pk", flat=True)
    )
    for start in range(0, len(ids), 1000):
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user_id=pk, course=course, enrolled_by=enrolled_by, source=EnrolmentSource.PLAN
                )
                for pk in ids[start : start + 1000]
            ],
            ignore_conflicts=True,
        )
        enrolments_created.send(
            sender=Enrolment, course_id=course.pk, user_ids=ids[start : start + 1000]
        )
    return len(ids)


@transaction.atomic
def enrolments_restart_for_plan(*, user_ids, course: CoursePage) -> int:
    """Re-certification required by a training plan: each of these people gets a fresh
    enrolment in `course`; a completed current one is archived first (its completion and
    certificate stay in the history). People with a current enrolment not yet completed are
    left as they are. Returns how many were enrolled afresh. A few queries per thousand."""
    course = _canonical_course(course)
    user_ids = list(user_ids)
    now = timezone.now()
    fresh = 0
    for start in range(0, len(user_ids), 1000):
        batch = user_ids[start : start + 1000]
        in_progress = set(
            Enrolment.objects.filter(
                user_id__in=batch,
                course=course,
                archived_at__isnull=True,
                completed_at__isnull=True,
            ).values_list("user_id", flat=True)
        )
        restart = [pk for pk in batch if pk not in in_progress]
        Enrolment.objects.filter(
            user_id__in=restart, course=course, archived_at__isnull=True
        ).update(archived_at=now)
        Enrolment.objects.bulk_create(
            [Enrolment(user_id=pk, course=course, source=EnrolmentSource.PLAN) for pk in restart],
            ignore_conflicts=True,
        )
        if restart:
            enrolments_created.send(sender=Enrolment, course_id=course.pk, user_ids=restart)
        fresh += len(restart)
    return fresh


@transaction.atomic
def step_complete(*, enrolment: Enrolment, page: Page, at: datetime | None = None) -> bool:
    """Record that a step (lesson or quiz) is done; complete the course if it was the last.
    Returns True when the course became complete by this call.

    `at`: when it was done, if not now (a lesson marked done offline and synchronised
    later). A step done already keeps its first time; the enrolment's last activity and
    last lesson never go back to an earlier time; it started at the earliest step."""
    page_id = canonical_id(page)
    now = timezone.now()
    when = min(at, now) if at is not None else now
    StepCompletion.objects.get_or_create(
        enrolment=enrolment, page_id=page_id, defaults={"completed_at": when}
    )
    updates = {}
    if enrolment.last_activity_at is None or when >= enrolment.last_activity_at:
        updates["last_activity_at"] = enrolment.last_activity_at = when
        if isinstance(page, LessonPage):
            updates["last_lesson_id"] = page_id
    if enrolment.started_at is None or when < enrolment.started_at:
        updates["started_at"] = enrolment.started_at = when
    if updates:
        Enrolment.objects.filter(pk=enrolment.pk).update(**updates)
    return enrolment_check_completion(enrolment=enrolment, at=when)


def step_complete_for_user(*, user, page: Page, at: datetime | None = None) -> bool:
    """For other apps (quizzes, offline): `user` finished `page` (at `at`, if not now);
    enrols nobody silently."""
    course = course_of(page)
    if course is None:
        return False
    enrolment = current_enrolment(user=user, course=course)
    if enrolment is None:
        return False
    return step_complete(enrolment=enrolment, page=page, at=at)


def enrolment_check_completion(*, enrolment: Enrolment, at: datetime | None = None) -> bool:
    """Complete the enrolment if every required step is done. Completion is recorded once
    and never taken back (a lesson added later does not undo it). It is dated `at` (the
    step that completes it; now by default), and never before a required step was done
    (a step done offline, synchronised later, counts at its own time)."""
    if enrolment.completed_at:
        return False
    required = required_step_ids(course=enrolment.course)
    done = dict(
        StepCompletion.objects.filter(enrolment=enrolment, page_id__in=required).values_list(
            "page_id", "completed_at"
        )
    )
    if not required or set(done) != required:
        return False
    institution_id = (
        type(enrolment.user)
        .objects.filter(pk=enrolment.user_id)
        .values_list("institution_id", flat=True)[0]
    )
    now = timezone.now()
    completed_at = min(max(at or now, *done.values()), now)
    completed = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(
        completed_at=completed_at, completion_institution_id=institution_id
    )
    if not completed:
        return False  # another request completed it first
    enrolment.refresh_from_db()
    enrolment_completed.send(sender=Enrolment, enrolment=enrolment)
    transaction.on_commit(lambda: course_completed.send(sender=Enrolment, enrolment=enrolment))
    return True


@transaction.atomic
def enrolment_restart(*, enrolment: Enrolment, user) -> Enrolment:
    """Re-certification: archive a completed enrolment and open a fresh one."""
    if enrolment.user_id != user.pk:
        raise PermissionDenied
    Enrolment.objects.filter(pk=enrolment.pk).update(archived_at=timezone.now())
    return Enrolment.objects.create(user=user, course=enrolment.course, source=EnrolmentSource.SELF)
