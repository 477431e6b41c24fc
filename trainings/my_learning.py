"""Trainings on My learning: the section trainings add to courses' page
(`courses.api.register_learning_section`), and the receivers that keep each learner's cached
page current when their places, attendance or sessions change."""

from __future__ import annotations

from courses.api import LearningSection
from pagecache.api import learner_changed

from .models.choices import ACTIVE_STATES, RegistrationState
from .models.registrations import Registration
from .selectors import trainings_of_learner

TEMPLATE = "trainings/_my_learning.html"


def my_trainings_section(user) -> LearningSection | None:
    context = trainings_of_learner(user=user)
    return None if context is None else LearningSection(TEMPLATE, context)


def registration_changed(*, instance, raw=False, **kwargs) -> None:
    """A place was asked for, decided, given up or completed: its holder's page changes,
    and so may the numbers of everyone on that training's waiting list."""
    if raw:
        return
    learner_changed(instance.user_id)
    for user_id in (
        Registration.objects.filter(
            training_id=instance.training_id, state=RegistrationState.WAITLISTED
        )
        .exclude(user_id=instance.user_id)
        .values_list("user_id", flat=True)
    ):
        learner_changed(user_id)


def attendance_changed(*, instance, raw=False, **kwargs) -> None:
    if raw:
        return
    registration = instance._state.fields_cache.get("registration")
    user_id = (
        registration.user_id
        if registration is not None
        else Registration.objects.filter(pk=instance.registration_id)
        .values_list("user_id", flat=True)
        .first()
    )
    learner_changed(user_id)


def session_changed(*, instance, raw=False, update_fields=None, **kwargs) -> None:
    """A session cancelled (`trainings.services.session_cancel`) reaches the pages of
    everyone holding or waiting for a place. Edits through the page's publishing move every
    cached page already (pagecache's tree counters)."""
    if raw or not update_fields or "cancelled_at" not in update_fields:
        return
    for user_id in Registration.objects.filter(
        training_id=instance.training_id, state__in=ACTIVE_STATES
    ).values_list("user_id", flat=True):
        learner_changed(user_id)
