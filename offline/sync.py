"""Synchronising what a learner did offline: "Mark as done" records sent by their device,
applied in order, each once, through courses' own step completion with the record's time.

A record is refused (with a reason the learner reads) when the lesson could not have been
done by this learner at that time: not a live lesson, a course they may not see or are not
enrolled in, a time in the future, too long ago, before they enrolled or before the lesson
was first published. A malformed request is refused as a whole, before anything is
written (`SyncRequestInvalid`)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from courses import api as courses_api

from .models import OfflineCompletion, OfflineCompletionStatus

MAX_RECORDS = 200
MAX_BODY_BYTES = 64 * 1024
# A device's clock may run a little ahead of ours.
FUTURE_TOLERANCE = timedelta(minutes=5)
# Older records are not believed: a device that stayed offline longer syncs nothing.
MAX_AGE = timedelta(days=30)


def learner_token(user) -> str:
    """An opaque name for `user` on their devices: the same for every request of theirs,
    different for everyone else, and saying nothing of who they are (keyed with SECRET_KEY)."""
    return salted_hmac("offline.learner", str(user.pk)).hexdigest()[:32]


class SyncRequestInvalid(ValueError):
    """The request as a whole is malformed; nothing is applied."""


@dataclass(frozen=True)
class Record:
    id: uuid.UUID
    page_id: int
    done_at: datetime


@dataclass
class Result:
    id: uuid.UUID
    status: str  # "accepted" | "duplicate" | "refused"
    reason: str = ""  # a code (refusal_reason)
    course_completed: bool = False

    def as_json(self) -> dict:
        data = {
            "id": str(self.id),
            "status": self.status,
            "course_completed": self.course_completed,
        }
        if self.status == "refused":
            data["reason"] = refusal_reason(self.reason)
        return data


def refusal_reason(code: str) -> str:
    """Why a record was refused, in the active language."""
    return {
        "not_lesson": _("This is not a lesson that is published now."),
        "not_visible": _("This course is not open to you."),
        "not_enrolled": _("You are not enrolled in this course."),
        "future": _("The time recorded on your device is in the future: check its clock."),
        "too_old": _("It was recorded more than 30 days ago."),
        "before_enrolment": _("It was recorded before you enrolled in the course."),
        "before_publication": _("It was recorded before the lesson was published."),
    }[code]


def records_parse(body: bytes) -> list[Record]:
    """The records of a sync request's body, or SyncRequestInvalid saying what is wrong."""
    if len(body) > MAX_BODY_BYTES:
        raise SyncRequestInvalid(_("The request is too large."))
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, ValueError) as error:
        raise SyncRequestInvalid(_("The request is not valid JSON.")) from error
    records = data.get("records") if isinstance(data, dict) else None
    if not isinstance(records, list) or not records:
        raise SyncRequestInvalid(_("The request has no list of records."))
    if len(records) > MAX_RECORDS:
        raise SyncRequestInvalid(
            _("At most %(count)d records may be sent at once.") % {"count": MAX_RECORDS}
        )
    return [_record_parse(item, number) for number, item in enumerate(records, start=1)]


def _record_parse(item, number: int) -> Record:
    def invalid(message: str) -> SyncRequestInvalid:
        return SyncRequestInvalid(
            _("Record %(number)d: %(problem)s") % {"number": number, "problem": message}
        )

    if not isinstance(item, dict):
        raise invalid(_("not an object."))
    try:
        record_id = uuid.UUID(item.get("id")) if isinstance(item.get("id"), str) else None
    except ValueError:
        record_id = None
    if record_id is None:
        raise invalid(_("the id is not a UUID."))
    page_id = item.get("page")
    if isinstance(page_id, str) and page_id.isdigit():
        page_id = int(page_id)
    if not isinstance(page_id, int) or isinstance(page_id, bool) or not 0 < page_id < 2**31:
        raise invalid(_("the page is not a page id."))
    raw = item.get("done_at")
    try:
        done_at = parse_datetime(raw) if isinstance(raw, str) else None
    except ValueError:
        done_at = None
    if done_at is None or timezone.is_naive(done_at):
        raise invalid(_("the time it was done is not a date and time with its offset (ISO 8601)."))
    return Record(id=record_id, page_id=page_id, done_at=done_at)


@transaction.atomic
def records_apply(*, user, records: list[Record]) -> list[Result]:
    """Apply `records` in order, each once for this learner (a record sent again is a
    duplicate, whatever its content). Records already seen are read in one query, and each
    lesson's standing once per request, however many records name it."""
    now = timezone.now()
    seen = set(
        OfflineCompletion.objects.filter(
            user=user, record_id__in=[r.id for r in records]
        ).values_list("record_id", flat=True)
    )
    standings: dict[int, tuple] = {}
    results = []
    for record in records:
        if record.id in seen:
            results.append(Result(id=record.id, status="duplicate"))
            continue
        seen.add(record.id)
        try:
            with transaction.atomic():
                results.append(
                    _record_apply(user=user, record=record, now=now, standings=standings)
                )
        except IntegrityError:  # the same record, sent at the same time by another request
            results.append(Result(id=record.id, status="duplicate"))
    return results


def _record_apply(*, user, record: Record, now: datetime, standings: dict) -> Result:
    lesson, reason = _refusal(user=user, record=record, now=now, standings=standings)
    OfflineCompletion.objects.create(
        user=user,
        record_id=record.id,
        page_id=record.page_id,
        done_at=record.done_at,
        status=OfflineCompletionStatus.REFUSED if reason else OfflineCompletionStatus.ACCEPTED,
        reason=reason,
    )
    if reason:
        return Result(id=record.id, status="refused", reason=reason)
    completed = courses_api.step_completed(user=user, page=lesson, at=record.done_at)
    return Result(id=record.id, status="accepted", course_completed=completed)


def _refusal(*, user, record: Record, now: datetime, standings: dict):
    """(lesson, "") when the learner could have done the lesson then, else (None, the
    reason's code). The same rules as "Mark as done" online."""
    if record.done_at > now + FUTURE_TOLERANCE:
        return None, "future"
    if record.done_at < now - MAX_AGE:
        return None, "too_old"
    if record.page_id not in standings:
        standings[record.page_id] = _lesson_standing(user=user, page_id=record.page_id)
    lesson, enrolment, reason = standings[record.page_id]
    if reason:
        return None, reason
    if record.done_at < enrolment.enrolled_at:
        return None, "before_enrolment"
    # (A page made live without being published, as imports do, has no such time.)
    if lesson.first_published_at and record.done_at < lesson.first_published_at:
        return None, "before_publication"
    return lesson, ""


def _lesson_standing(*, user, page_id: int):
    """(lesson, enrolment, "") when the learner may do the lesson now, else (None, None,
    the reason's code)."""
    lesson = courses_api.LessonPage.objects.live().filter(pk=page_id).first()
    if lesson is None:
        return None, None, "not_lesson"
    course = courses_api.course_of(lesson)
    if (
        course is None
        or not course.live
        or not courses_api.course_is_visible_to(course=course, user=user)
    ):
        return None, None, "not_visible"
    enrolment = courses_api.enrolment_for(user=user, course=course)
    if enrolment is None:
        return None, None, "not_enrolled"
    return lesson, enrolment, ""
