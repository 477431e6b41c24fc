"""A regrade is a security-relevant change of people's results: it is in the audit log."""

import pytest

from audit.models import AuditAction, AuditEvent
from quizzes.services import regrade_apply

from . import test_trainers
from .conftest import option_id

setting = test_trainers.setting  # the fixture, used by name
take = test_trainers.take

pytestmark = pytest.mark.django_db


def test_regrade_is_recorded_with_its_actor_and_count(trainer, learner, setting):
    quiz, single, tf = setting["quiz"], setting["single"], setting["tf"]
    take(learner, quiz, {single: option_id(single, "Deception"), tf: True})
    single.options.filter(text="Deception").update(fraction=1)
    regrade_apply(quiz=quiz, actor=trainer)
    event = AuditEvent.objects.get(action=AuditAction.QUIZ_REGRADED)
    assert event.actor == trainer
    assert event.target_id == str(quiz.pk)
    assert event.details["attempts_changed"] == 1
