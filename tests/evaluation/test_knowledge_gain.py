"""Knowledge gain from pre- and post-tests: per person, per group with small groups hidden
(and one more where subtraction would find a hidden one), and who may read it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from evaluation.gain import gain_table, people_gains
from evaluation.models import KnowledgeTest
from quizzes import factories as qf
from quizzes.models import Attempt
from trainings.factories import training_with_sessions

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _attempt(user, quiz, number, score):
    return Attempt.objects.create(
        user=user,
        quiz=quiz,
        number=number,
        state="submitted",
        submitted_at=timezone.now(),
        graded_at=timezone.now(),
        score=Decimal(score),
        passed=Decimal(score) >= 50,
    )


def _test(*, same_quiz=False):
    pre = qf.quiz_in_course(questions=[qf.true_false(answer=True)])
    post = pre if same_quiz else qf.quiz_in_course(questions=[qf.true_false(answer=True)])
    return KnowledgeTest.objects.create(
        training=training_with_sessions(), pre_test=pre, post_test=post
    )


def test_per_person_gain_uses_first_pre_and_latest_post(learner):
    test = _test()
    _attempt(learner, test.pre_test, 1, "40")
    _attempt(learner, test.pre_test, 2, "90")  # a second pre-test attempt does not count
    _attempt(learner, test.post_test, 1, "70")
    _attempt(learner, test.post_test, 2, "85")
    (person,) = people_gains(test)
    assert (person.pre, person.post) == (Decimal("40"), Decimal("85"))
    assert person.gain == Decimal("0.75")


def test_one_quiz_as_both_needs_a_later_attempt(learner, other_learner):
    test = _test(same_quiz=True)
    _attempt(learner, test.pre_test, 1, "50")
    _attempt(learner, test.pre_test, 2, "75")
    _attempt(other_learner, test.pre_test, 1, "60")  # no second attempt: no gain yet
    (person,) = people_gains(test)
    assert person.user_id == learner.pk and person.gain == Decimal("0.5")


def test_someone_at_100_before_counts_but_not_in_the_mean_gain(tree, settings):
    settings.STATS_MIN_CELL = 2
    test = _test()
    a, b = (UserFactory(institution=tree["station_bg"]) for _ in range(2))
    _attempt(a, test.pre_test, 1, "100")
    _attempt(a, test.post_test, 1, "100")
    _attempt(b, test.pre_test, 1, "50")
    _attempt(b, test.post_test, 1, "100")
    total, _rows = gain_table(people_gains(test), by="profession")
    assert total.people == 2 and total.mean_gain == Decimal("100.0")
    assert total.improved_share == Decimal("50.0")


def test_small_groups_are_hidden_and_subtraction_finds_none(tree, settings):
    settings.STATS_MIN_CELL = 3
    test = _test()
    groups = {"judge": 4, "prosecutor": 3, "police_officer": 1}
    for profession, count in groups.items():
        for _ in range(count):
            person = UserFactory(institution=tree["station_bg"], profession=profession)
            _attempt(person, test.pre_test, 1, "40")
            _attempt(person, test.post_test, 1, "70")
    total, rows = gain_table(people_gains(test), by="profession")
    assert total.people == 8
    shown = {r.key: r.people for r in rows if not r.hidden}
    # The police officer is hidden, and so is the next smallest (prosecutors): 8 − 4 = 4
    # people, not one.
    assert shown == {"judge": 4}
    assert {r.key for r in rows if r.hidden} == {"police_officer", "prosecutor"}


def test_gain_is_read_only_by_organisers(client, administrator, trainer, learner, settings):
    settings.STATS_MIN_CELL = 1
    test = _test()
    _attempt(learner, test.pre_test, 1, "20")
    _attempt(learner, test.post_test, 1, "60")
    url = reverse("evaluation:knowledge_gain", args=[test.pk])
    for outsider in (trainer, learner):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    client.force_login(administrator)
    html = client.get(url + "?by=institution_id").content.decode()
    assert "50.0" in html and str(learner.institution) in html
    # An unknown breakdown falls back to profession; nothing breaks.
    assert client.get(url + "?by=user_id").status_code == 200
