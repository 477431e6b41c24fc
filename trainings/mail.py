"""The emails of trainings: every change of a registration, and a cancelled session, is
told to the participant after the commit, in their language, with the sessions attached
as an iCalendar file (an invitation, or its cancellation)."""

from __future__ import annotations

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from .ical import invitation_ics
from .models.choices import RegistrationState
from .models.registrations import Registration

# What each event attaches: "request" (the sessions, confirmed), "tentative" (the sessions,
# not yet confirmed), "cancel" (their cancellation).
ATTACHMENT = {
    "requested": "tentative",
    "nominated": "tentative",
    RegistrationState.WAITLISTED: "tentative",
    RegistrationState.CONFIRMED: "request",
    "promoted": "request",
    RegistrationState.DECLINED: "cancel",
    "cancelled": "cancel",
    "session_cancelled": "cancel",
}


def registration_mail_send(*, registration: Registration, event: str, session_id=None) -> None:
    """Tell the participant of `event`, once the change is committed."""
    if event not in ATTACHMENT:
        raise ValueError(f"unknown training email: {event}")
    pk = registration.pk
    transaction.on_commit(
        lambda: registration_mail_task.enqueue(
            registration_id=pk, event=event, session_id=session_id
        )
    )


def registration_mail(*, registration: Registration, event: str, session_id=None) -> EmailMessage:
    training = registration.training
    user = registration.user
    sessions = list(training.sessions.order_by("starts_at", "pk"))
    if session_id is not None:
        sessions = [s for s in sessions if s.pk == session_id]
    else:
        sessions = [s for s in sessions if s.cancelled_at is None]
    kind = ATTACHMENT[event]
    with translation.override(user.preferred_language or None):
        context = {
            "registration": registration,
            "training": training,
            "user": user,
            "event": event,
            "sessions": sessions,
            "url": training.full_url,
        }
        subject = render_to_string("trainings/email/registration_subject.txt", context).strip()
        body = render_to_string("trainings/email/registration.txt", context)
    message = EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])
    message.attach(
        "training.ics",
        invitation_ics(
            training=training,
            sessions=sessions,
            attendee=user,
            cancel=kind == "cancel",
            tentative=kind == "tentative",
        ),
        f"text/calendar; method={'CANCEL' if kind == 'cancel' else 'REQUEST'}; charset=utf-8",
    )
    return message


@task()
def registration_mail_task(*, registration_id: int, event: str, session_id=None) -> str:
    registration = (
        Registration.objects.select_related("training", "user").filter(pk=registration_id).first()
    )
    if registration is None or registration.user.erased_at is not None:
        return "gone"
    registration_mail(registration=registration, event=event, session_id=session_id).send()
    return event
