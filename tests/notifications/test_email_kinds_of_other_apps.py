"""Apps other than plans that honour people's email choices: survey invitations."""

import pytest
from django.core import mail
from django.utils import timezone

from evaluation.factories import survey_with_items
from evaluation.services import KIND_INVITATION, invitations_send, invite
from notifications.api import email_kinds
from notifications.models import Notification
from notifications.services import email_choices_save
from trainings.factories import training_with_sessions

pytestmark = pytest.mark.django_db


def test_a_survey_invitation_turned_off_comes_as_a_message_on_my_learning(learner, other_learner):
    assert KIND_INVITATION in email_kinds()
    survey = survey_with_items(training=training_with_sessions(sessions=1))
    email_choices_save(user=learner, choices={KIND_INVITATION: False})
    for person in (learner, other_learner):
        invite(surveys=[survey], user=person, completed_at=timezone.now())
    assert invitations_send() == {"sent": 2, "reminded": 0}
    assert [m.to for m in mail.outbox] == [[other_learner.email]]
    message = Notification.objects.get(user=learner)
    assert survey.title in message.text
    assert message.link == f"/sr-latn/evaluation/surveys/{survey.pk}/"
    assert not Notification.objects.filter(user=other_learner).exists()
