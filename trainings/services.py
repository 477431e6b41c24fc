"""Writes of trainings: places asked for, nominated, decided and given up, and sessions
cancelled. Each write takes a lock on the training's row, so two organisers confirming the
last place at once never both succeed, and each tells the people concerned by email after
the commit (`trainings.mail`)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.api import people_scope_for

from .mail import registration_mail_send
from .models.choices import ACTIVE_STATES, PlacesBy, RegistrationState
from .models.pages import TrainingPage
from .models.registrations import Registration
from .models.sessions import TrainingSession
from .selectors import may_organise, places_taken


class RegistrationRefused(Exception):
    """A registration change that cannot be made; the message says why, for the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def user_may_organise(*, user, training) -> bool:
    """Organisers are those who may edit the training's page (its authors, by Wagtail's
    page permissions), and administrators."""
    return may_organise(user=user, training=training.canonical())


def _locked(training) -> TrainingPage:
    canonical = training.canonical()
    return TrainingPage.objects.select_for_update().get(pk=canonical.pk)


def _ensure_open(training: TrainingPage, *, allowed: tuple[str, ...]) -> None:
    if training.places_by not in allowed:
        if training.places_by == PlacesBy.NOMINATION:
            raise RegistrationRefused(_("Places on this training are filled by nomination."))
        raise RegistrationRefused(_("This training takes no nominations."))
    if not training.registration_is_open():
        raise RegistrationRefused(_("Registration for this training is closed."))


def _reopen_or_create(*, training: TrainingPage, user, nominated_by=None) -> Registration:
    registration = Registration.objects.filter(training=training, user=user).first()
    if registration is not None and registration.is_active:
        raise RegistrationRefused(_("%(name)s is already registered.") % {"name": user})
    if registration is None:
        registration = Registration(training=training, user=user)
    registration.state = RegistrationState.REQUESTED
    registration.nominated_by = nominated_by
    registration.waitlisted_at = None
    registration.save()
    return registration


@transaction.atomic
def registration_request(*, training, user) -> Registration:
    """A learner asks for a place (self-registration); the organiser decides."""
    if not (user.is_authenticated and user.is_active):
        raise PermissionDenied
    training = _locked(training)
    _ensure_open(training, allowed=(PlacesBy.SELF, PlacesBy.BOTH))
    registration = _reopen_or_create(training=training, user=user)
    registration_mail_send(registration=registration, event="requested")
    return registration


@transaction.atomic
def nomination_create(*, training, nominee, by) -> Registration:
    """An institution manager nominates someone of their subtree."""
    scope = people_scope_for(viewer=by)
    if scope is None or not scope.covers(nominee.institution):
        raise PermissionDenied
    if not nominee.is_active:
        raise RegistrationRefused(_("%(name)s has no active account.") % {"name": nominee})
    training = _locked(training)
    _ensure_open(training, allowed=(PlacesBy.NOMINATION, PlacesBy.BOTH))
    registration = _reopen_or_create(training=training, user=nominee, nominated_by=by)
    registration_mail_send(registration=registration, event="nominated")
    return registration


@transaction.atomic
def registration_decide(*, registration: Registration, decision: str, by) -> Registration:
    """The organiser confirms a place, puts the person on the waiting list, or declines."""
    training = _locked(registration.training)
    if not user_may_organise(user=by, training=training):
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if decision not in (
        RegistrationState.CONFIRMED,
        RegistrationState.WAITLISTED,
        RegistrationState.DECLINED,
    ):
        raise RegistrationRefused(_("Unknown decision."))
    if registration.state == decision:
        return registration
    if registration.state == RegistrationState.CANCELLED:
        raise RegistrationRefused(_("The participant cancelled this registration."))
    if decision == RegistrationState.CONFIRMED and places_taken(training) >= training.capacity:
        raise RegistrationRefused(
            _("All %(capacity)s places are taken: put the person on the waiting list.")
            % {"capacity": training.capacity}
        )
    was_confirmed = registration.state == RegistrationState.CONFIRMED
    registration.state = decision
    registration.waitlisted_at = (
        timezone.now() if decision == RegistrationState.WAITLISTED else None
    )
    registration.save()
    registration_mail_send(registration=registration, event=decision)
    if was_confirmed:
        _promote_from_waiting_list(training=training, by=by)
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by) -> Registration:
    """The participant (or the organiser) gives up the place; a confirmed place goes to the
    first person on the waiting list."""
    training = _locked(registration.training)
    if by.pk != registration.user_id and not user_may_organise(user=by, training=training):
        raise PermissionDenied
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.state not in ACTIVE_STATES:
        raise RegistrationRefused(_("This registration is no longer active."))
    was_confirmed = registration.state == RegistrationState.CONFIRMED
    registration.state = RegistrationState.CANCELLED
    registration.waitlisted_at = None
    registration.save()
    registration_mail_send(registration=registration, event="cancelled")
    if was_confirmed:
        _promote_from_waiting_list(training=training, by=by)
    return registration


def _promote_from_waiting_list(*, training: TrainingPage, by) -> Registration | None:
    """Give a free place to the first on the waiting list (inside the caller's lock)."""
    if places_taken(training) >= training.capacity:
        return None
    first = (
        Registration.objects.select_for_update()
        .filter(training=training, state=RegistrationState.WAITLISTED)
        .order_by("waitlisted_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.state = RegistrationState.CONFIRMED
    first.waitlisted_at = None
    first.save()
    registration_mail_send(registration=first, event="promoted")
    return first


@transaction.atomic
def session_cancel(*, session: TrainingSession, by) -> TrainingSession:
    """Cancel one session: everyone holding or waiting for a place is told, with the
    calendar cancellation attached."""
    training = _locked(session.training)
    if not user_may_organise(user=by, training=training):
        raise PermissionDenied
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.training_id != training.pk:
        raise RegistrationRefused(_("Sessions are cancelled on the training's own page."))
    if session.cancelled_at is not None:
        return session
    session.cancelled_at = timezone.now()
    session.save(update_fields=["cancelled_at"])
    for registration in Registration.objects.filter(training=training, state__in=ACTIVE_STATES):
        registration_mail_send(
            registration=registration, event="session_cancelled", session_id=session.pk
        )
    return session
