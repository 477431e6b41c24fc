"""Participant surveys: who is asked and when, answering once, anonymity that holds, results
hidden below the small-number threshold, and who may read them."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accounts.factories import UserFactory
from evaluation.factories import survey_with_items
from evaluation.models import Invitation, Response
from evaluation.selectors import survey_results
from evaluation.services import invitations_send, invite, response_submit
from trainings.attendance import attendance_mark
from trainings.factories import training_with_sessions
from trainings.models import Registration, RegistrationState

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _items(survey):
    return {item.kind: item for item in survey.items.all()}


def _post(survey, *, likert="4", single="Right", multiple=("Referral",), text=""):
    items = _items(survey)
    return {
        f"item-{items['likert'].pk}": likert,
        f"item-{items['single'].pk}": single,
        f"item-{items['multiple'].pk}": list(multiple),
        f"item-{items['text'].pk}": text,
    }


def test_completing_a_training_invites_and_a_follow_up_waits_its_weeks(
    administrator, learner, committed
):
    training = training_with_sessions(sessions=1)
    reaction = survey_with_items(training=training)
    follow_up = survey_with_items(training=training, level="follow_up", weeks_after=8)
    registration = Registration.objects.create(
        training=training, user=learner, state=RegistrationState.CONFIRMED
    )
    with committed():
        attendance_mark(
            session=training.sessions.first(), marks={registration.pk: "present"}, by=administrator
        )
    invitations = {i.survey_id: i for i in Invitation.objects.filter(user=learner)}
    assert set(invitations) == {reaction.pk, follow_up.pk}
    assert invitations[follow_up.pk].due_at - invitations[reaction.pk].due_at == timedelta(weeks=8)
    assert invitations_send() == {"sent": 1, "reminded": 0}
    assert mail.outbox[-1].to == [learner.email]
    # The link in the learner's language (Serbian by default).
    assert f"/sr-latn/evaluation/surveys/{reaction.pk}/" in mail.outbox[-1].body
    # Running it again sends nothing twice; the follow-up goes out after its weeks.
    assert invitations_send() == {"sent": 0, "reminded": 0}
    later = timezone.now() + timedelta(weeks=8, minutes=1)
    assert invitations_send(now=later) == {"sent": 1, "reminded": 1}
    assert invitations_send(now=later + timedelta(days=30)) == {"sent": 0, "reminded": 1}


def test_an_anonymous_answer_keeps_no_link_to_the_person(client, learner):
    survey = survey_with_items(training=training_with_sessions())
    invite(surveys=[survey], user=learner, completed_at=timezone.now())
    client.force_login(learner)
    client.post(reverse("evaluation:answer", args=[survey.pk]), _post(survey, text="Very useful"))
    response = Response.objects.get()
    assert response.user is None and response.month.day == 1
    assert Invitation.objects.get().answered
    # Answering again stores nothing more.
    client.post(reverse("evaluation:answer", args=[survey.pk]), _post(survey, likert="1"))
    assert Response.objects.count() == 1


def test_a_named_survey_keeps_the_name(learner):
    survey = survey_with_items(training=training_with_sessions(), anonymous=False)
    invite(surveys=[survey], user=learner, completed_at=timezone.now())
    response_submit(survey=survey, user=learner, answers={_items(survey)["likert"].pk: 5})
    assert Response.objects.get().user == learner


def test_only_people_asked_may_answer(client, learner, other_learner):
    survey = survey_with_items(training=training_with_sessions())
    invite(surveys=[survey], user=learner, completed_at=timezone.now())
    client.force_login(other_learner)
    url = reverse("evaluation:answer", args=[survey.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, _post(survey)).status_code == 403
    assert not Response.objects.exists()


def test_a_malformed_answer_is_refused_and_nothing_is_kept(client, learner):
    survey = survey_with_items(training=training_with_sessions())
    invite(surveys=[survey], user=learner, completed_at=timezone.now())
    client.force_login(learner)
    response = client.post(
        reverse("evaluation:answer", args=[survey.pk]), _post(survey, likert="9", single="Forged")
    )
    assert response.status_code == 200
    assert not Response.objects.exists() and not Invitation.objects.get().answered


def test_results_are_hidden_below_the_threshold_even_for_administrators(
    client, administrator, tree, settings
):
    settings.STATS_MIN_CELL = 5
    survey = survey_with_items(training=training_with_sessions())
    people = [UserFactory(institution=tree["station_bg"]) for _ in range(5)]
    for person in people:
        invite(surveys=[survey], user=person, completed_at=timezone.now())
    for index, person in enumerate(people[:4]):
        response_submit(
            survey=survey, user=person, answers={_items(survey)["likert"].pk: index + 1}
        )
    assert survey_results(survey=survey).suppressed
    client.force_login(administrator)
    html = client.get(reverse("evaluation:results", args=[survey.pk])).content.decode()
    assert "Too few answers" in html and "Strongly disagree" not in html
    assert (
        client.get(reverse("evaluation:results_export", args=[survey.pk, "csv"])).status_code == 302
    )
    response_submit(survey=survey, user=people[4], answers={_items(survey)["text"].pk: "=cmd|x"})
    results = survey_results(survey=survey)
    assert not results.suppressed
    likert = results.items[0]
    assert [count for _label, count in likert.counts] == [1, 1, 1, 1, 0]
    csv = client.get(reverse("evaluation:results_export", args=[survey.pk, "csv"])).content.decode()
    assert "'=cmd|x" in csv  # a formula is written as text


def test_results_are_for_the_trainings_organisers_only(client, trainer, learner, manager_bg):
    survey = survey_with_items(training=training_with_sessions())
    url = reverse("evaluation:results", args=[survey.pk])
    for outsider in (trainer, learner, manager_bg):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.get(url.replace("results/", "results.xlsx")).status_code == 403
