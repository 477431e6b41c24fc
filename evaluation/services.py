"""Writes of surveys: who is asked (at completion, or weeks after it), the daily sending of
invitations and one reminder, and an answer stored once, anonymously where the survey
says so."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from courses.api import canonical_id
from notifications.api import email_allowed, notification_create

from .models import Answer, Invitation, Response, Survey, SurveyLevel

# The kind of email people may turn off in their profile (notifications).
KIND_INVITATION = "survey_invitation"


def _due(survey: Survey, completed_at) -> timezone.datetime:
    if survey.level == SurveyLevel.FOLLOW_UP:
        return completed_at + timedelta(weeks=survey.weeks_after)
    return completed_at


def invite(*, surveys, user, completed_at) -> list[Invitation]:
    """Ask `user` to answer each of `surveys` (once per survey, whatever happens again)."""
    created = []
    for survey in surveys:
        invitation, new = Invitation.objects.get_or_create(
            survey=survey, user=user, defaults={"due_at": _due(survey, completed_at)}
        )
        if new:
            created.append(invitation)
    return created


def invite_after_course(*, enrolment, **kwargs) -> None:
    """Receiver of courses' course_completed."""
    invite(
        surveys=Survey.objects.filter(course_id=enrolment.course_id, is_open=True),
        user=enrolment.user,
        completed_at=enrolment.completed_at or timezone.now(),
    )


def invite_after_training(*, registration, **kwargs) -> None:
    """Receiver of trainings' training_completed."""
    invite(
        surveys=Survey.objects.filter(training_id=registration.training_id, is_open=True),
        user=registration.user,
        completed_at=registration.completed_at or timezone.now(),
    )


def _mail(invitation: Invitation, *, reminder: bool) -> None:
    """The invitation (or reminder) by email; to someone who turned survey emails off, a
    message on their My learning instead."""
    user = invitation.user
    if not email_allowed(user, KIND_INVITATION):
        with translation.override(user.preferred_language or None):
            notification_create(
                user=user,
                kind=KIND_INVITATION,
                text=gettext("Please answer the survey “%(title)s”.")
                % {"title": invitation.survey.title},
                link=reverse("evaluation:answer", args=[invitation.survey_id]),
            )
        return
    with translation.override(user.preferred_language or None):
        context = {
            "survey": invitation.survey,
            "user": user,
            "reminder": reminder,
            "base_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/"),
        }
        subject = render_to_string("evaluation/email/invitation_subject.txt", context)
        body = render_to_string("evaluation/email/invitation.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])


def invitations_send(*, now=None) -> dict[str, int]:
    """Send the invitations that are due and one reminder to those who did not answer in
    time; each is claimed before it is sent, so two runs never send it twice."""
    now = now or timezone.now()
    sent = reminded = 0
    due = Invitation.objects.filter(
        sent_at__isnull=True, due_at__lte=now, survey__is_open=True, user__is_active=True
    ).select_related("survey", "user")
    for invitation in due:
        if Invitation.objects.filter(pk=invitation.pk, sent_at__isnull=True).update(sent_at=now):
            _mail(invitation, reminder=False)
            sent += 1
    waiting = Invitation.objects.filter(
        sent_at__isnull=False,
        reminded_at__isnull=True,
        answered=False,
        survey__is_open=True,
        user__is_active=True,
    ).select_related("survey", "user")
    for invitation in waiting:
        if invitation.sent_at + timedelta(days=invitation.survey.remind_after_days) > now:
            continue
        if Invitation.objects.filter(pk=invitation.pk, reminded_at__isnull=True).update(
            reminded_at=now
        ):
            _mail(invitation, reminder=True)
            reminded += 1
    return {"sent": sent, "reminded": reminded}


class AlreadyAnswered(Exception):
    pass


@transaction.atomic
def response_submit(*, survey: Survey, user, answers: dict[int, object]) -> Response:
    """Store `user`'s answers ({item id: value}, checked by the form) once. The invitation
    is marked answered; for an anonymous survey the response keeps no link to the person."""
    invitation = Invitation.objects.select_for_update().filter(survey=survey, user=user).first()
    if invitation is None or not survey.is_open:
        raise PermissionDenied
    if invitation.answered:
        raise AlreadyAnswered
    today = timezone.localdate()
    response = Response.objects.create(
        survey=survey,
        user=None if survey.anonymous else user,
        month=today.replace(day=1),
        profession=user.profession,
        institution_path=user.institution.path if user.institution_id else "",
    )
    Answer.objects.bulk_create(
        [Answer(response=response, item_id=pk, value=value) for pk, value in answers.items()]
    )
    invitation.answered = True
    try:
        invitation.save(update_fields=["answered"])
    except IntegrityError:  # pragma: no cover - the row lock above makes this unreachable
        raise AlreadyAnswered from None
    return response


def survey_course_id(survey: Survey) -> int | None:
    return canonical_id(survey.course) if survey.course_id else None
