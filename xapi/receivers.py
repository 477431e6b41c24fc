"""Learning events, heard from the other apps' signals, written as statements in the
transaction of the event. A statement that cannot be built is logged and left out: the
learner's action never fails because of xAPI."""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_save

from certificates import api as certificates_api
from courses import api as courses_api
from quizzes import api as quizzes_api
from trainings import api as trainings_api

from . import statements as st
from .lrs import lrs_is_configured
from .services import statement_record, statements_record

logger = logging.getLogger(__name__)


def _record(build, *args) -> None:
    if not lrs_is_configured():
        return
    try:
        with transaction.atomic():  # a savepoint: a failure here leaves the event's intact
            user, statement = build(*args)
            statement_record(user=user, statement=statement)
    except Exception:
        logger.exception("xAPI: a statement could not be written (%s)", build.__name__)


def _language(user) -> str:
    return user.preferred_language


# --- Courses --------------------------------------------------------------------------------


def registered(enrolment, *, course_activity=None, account_name=None):
    user = enrolment.user
    return user, st.statement(
        event=f"registered:enrolment:{enrolment.pk}",
        user=user,
        verb_name="registered",
        object_=course_activity
        or st.page_activity(enrolment.course, kind="course", language=_language(user)),
        timestamp=enrolment.enrolled_at,
        registration=st.registration_uuid(enrolment.pk),
        account_name=account_name,
    )


def experienced(step):
    enrolment = step.enrolment
    user = enrolment.user
    language = _language(user)
    return user, st.statement(
        event=f"experienced:step:{step.pk}",
        user=user,
        verb_name="experienced",
        object_=st.page_activity(step.page, kind="lesson", language=language),
        timestamp=step.completed_at,
        parent=st.page_activity(enrolment.course, kind="course", language=language),
        registration=st.registration_uuid(enrolment.pk),
    )


def completed(enrolment):
    user = enrolment.user
    return user, st.statement(
        event=f"completed:enrolment:{enrolment.pk}",
        user=user,
        verb_name="completed",
        object_=st.page_activity(enrolment.course, kind="course", language=_language(user)),
        timestamp=enrolment.completed_at,
        result={"completion": True},
        registration=st.registration_uuid(enrolment.pk),
    )


def on_enrolment_saved(*, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        _record(registered, instance)


def on_enrolments_created(*, course_id, user_ids, **kwargs) -> None:
    """People enrolled in bulk (up to thousands): one course activity per language, the
    accounts and the rows in a few queries."""
    if not lrs_is_configured():
        return
    try:
        with transaction.atomic():
            enrolments = list(
                courses_api.Enrolment.objects.filter(
                    course_id=course_id, user_id__in=list(user_ids), archived_at__isnull=True
                ).select_related("user", "course")
            )
            names = st.account_names(e.user_id for e in enrolments)
            activities = {}
            items = []
            for enrolment in enrolments:
                language = _language(enrolment.user)
                if language not in activities:
                    activities[language] = st.page_activity(
                        enrolment.course, kind="course", language=language
                    )
                items.append(
                    registered(
                        enrolment,
                        course_activity=activities[language],
                        account_name=names[enrolment.user_id],
                    )
                )
            statements_record(items)
    except Exception:
        logger.exception("xAPI: the statements of a bulk enrolment could not be written")


def on_step_saved(*, instance, created, raw=False, **kwargs) -> None:
    if not created or raw or not lrs_is_configured():
        return
    if instance.page.specific_class is courses_api.LessonPage:
        _record(experienced, instance)


def on_enrolment_completed(*, enrolment, **kwargs) -> None:
    _record(completed, enrolment)


# --- Quizzes --------------------------------------------------------------------------------


def _quiz_context(attempt, language):
    """The course around a quiz and the learner's enrolment in it (None outside courses)."""
    course = courses_api.course_of(attempt.quiz)
    if course is None:
        return None, None
    enrolment = courses_api.enrolment_for(user=attempt.user, course=course)
    parent = st.page_activity(course, kind="course", language=language)
    return parent, (st.registration_uuid(enrolment.pk) if enrolment else None)


def attempted(attempt):
    user = attempt.user
    language = _language(user)
    parent, registration = _quiz_context(attempt, language)
    return user, st.statement(
        event=f"attempted:attempt:{attempt.pk}",
        user=user,
        verb_name="attempted",
        object_=st.page_activity(attempt.quiz, kind="assessment", language=language),
        timestamp=attempt.started_at,
        parent=parent,
        registration=registration,
    )


def scored(attempt):
    user = attempt.user
    language = _language(user)
    parent, registration = _quiz_context(attempt, language)
    return user, st.statement(
        # One per attempt: its first score. A later regrade is not a second event.
        event=f"scored:attempt:{attempt.pk}",
        user=user,
        verb_name="passed" if attempt.passed else "failed",
        object_=st.page_activity(attempt.quiz, kind="assessment", language=language),
        timestamp=attempt.graded_at,
        result=st.score_result(
            score=attempt.score,
            passed=attempt.passed,
            obtained=attempt.marks_obtained,
            total=attempt.marks_total,
        ),
        parent=parent,
        registration=registration,
    )


def on_attempt_saved(*, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        _record(attempted, instance)


def on_attempt_scored(*, attempt, **kwargs) -> None:
    _record(scored, attempt)


# --- Certificates ---------------------------------------------------------------------------


def earned(event):
    certificate = event.certificate
    user = certificate.user
    language = _language(user)
    about = certificate.course or certificate.training
    other = None
    if about is not None:
        kind = "course" if certificate.course_id else "meeting"
        other = st.page_activity(about, kind=kind, language=language)
    return user, st.statement(
        event=f"earned:certificate:{certificate.pk}",
        user=user,
        verb_name="earned",
        object_={
            "objectType": "Activity",
            "id": certificates_api.verification_url(certificate.code),
            "definition": {
                "name": {st.language_tag(certificate.language): certificate.course_title},
            },
        },
        timestamp=event.at,
        other=other,
        registration=(
            st.registration_uuid(certificate.enrolment_id) if certificate.enrolment_id else None
        ),
    )


def on_certificate_event_saved(*, instance, created, raw=False, **kwargs) -> None:
    if created and not raw and instance.action == certificates_api.CertificateAction.ISSUED:
        _record(earned, instance)


# --- Trainings ------------------------------------------------------------------------------


def attended(attendance):
    registration = attendance.registration
    session = attendance.session
    user = registration.user
    language = _language(user)
    return user, st.statement(
        event=f"attended:attendance:{attendance.pk}",
        user=user,
        verb_name="attended",
        object_=st.page_activity(
            registration.training,
            kind="meeting",
            language=language,
            fragment=f"#session-{session.pk}",
            name=session.title,
        ),
        timestamp=session.starts_at,
        # A partly attended session counts half towards the training's completion.
        result={"completion": attendance.mark == trainings_api.AttendanceMark.PRESENT},
        parent=st.page_activity(registration.training, kind="meeting", language=language),
    )


def on_attendance_recorded(*, session_id, registration_ids, **kwargs) -> None:
    if not lrs_is_configured():
        return
    for attendance in trainings_api.Attendance.objects.filter(
        session_id=session_id,
        registration_id__in=list(registration_ids),
        mark__in=[trainings_api.AttendanceMark.PRESENT, trainings_api.AttendanceMark.PARTLY],
    ).select_related("session", "registration__user", "registration__training"):
        _record(attended, attendance)


def connect() -> None:
    uid = "xapi"
    post_save.connect(on_enrolment_saved, sender=courses_api.Enrolment, dispatch_uid=uid)
    post_save.connect(on_step_saved, sender=courses_api.StepCompletion, dispatch_uid=uid)
    courses_api.enrolments_created.connect(on_enrolments_created, dispatch_uid=uid)
    courses_api.enrolment_completed.connect(on_enrolment_completed, dispatch_uid=uid)
    post_save.connect(on_attempt_saved, sender=quizzes_api.Attempt, dispatch_uid=uid)
    quizzes_api.attempt_scored.connect(on_attempt_scored, dispatch_uid=uid)
    post_save.connect(
        on_certificate_event_saved, sender=certificates_api.CertificateEvent, dispatch_uid=uid
    )
    trainings_api.attendance_recorded.connect(on_attendance_recorded, dispatch_uid=uid)
