"""Personal data across apps: quizzes and statistics are in the export, erasure ends tokens
and subscriptions, and no app can hold rows about a person without an exporter."""

from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings

from accounts.personal_data import _exporters, personal_data_export
from accounts.services import personal_data_erase
from courses.selectors import course_of
from courses.services import enrolment_create
from quizzes import factories as qf
from quizzes.services import attempt_save_responses, attempt_start, attempt_submit
from stats.models import ApiToken, ReportSubscription
from stats.services import api_token_create

pytestmark = pytest.mark.django_db

# Models that point at a person but are not theirs to export: who did something to others
# (the audit log exports the person's own actions), or Wagtail's and allauth's internals that
# the "account" section already covers or that hold no personal content.
NOT_PERSONAL_RECORDS = {
    "quizzes.regrade",  # a trainer's action on other people's attempts
    "courses.enrolment.enrolled_by",
    "trainings.registration.nominated_by",  # a manager's act on someone else's place
    "trainings.attendance.marked_by_user",  # the trainer who marked it
    "plans.trainingplan.created_by",  # who wrote a plan for others
    "plans.assignment.assigned_by",  # who ran the rule that assigned someone else
    "plans.planrun.requested_by",  # who asked for a rule's run
}
# Apps whose rows about a person are exported by the section named here.
SECTION_OF_APP = {
    "accounts": "account",
    "courses": "learning",
    "certificates": "certificates",
    "audit": "security_log",
    "quizzes": "quizzes",
    "stats": "statistics",
    "institutions": "institution_history",
    "trainings": "trainings",
    "evaluation": "evaluation",
    "plans": "plans",
    "notifications": "notifications",
    "xapi": "xapi",
    "offline": "offline",
}


def test_every_app_of_ours_that_stores_rows_about_a_person_has_an_export_section():
    base = str(settings.BASE_DIR)
    missing = []
    for model in apps.get_models():
        config = apps.get_app_config(model._meta.app_label)
        if not config.path.startswith(base) or "site-packages" in config.path:
            continue  # Wagtail, allauth, Django: the "account" section covers what is personal
        for field in model._meta.get_fields(include_parents=False):
            related = getattr(field, "related_model", None)
            if not field.is_relation or field.auto_created or related is None:
                continue
            if related._meta.label != settings.AUTH_USER_MODEL:
                continue
            label = model._meta.label_lower
            if label in NOT_PERSONAL_RECORDS or f"{label}.{field.name}" in NOT_PERSONAL_RECORDS:
                continue
            if SECTION_OF_APP.get(config.label) not in _exporters:
                missing.append(f"{label}.{field.name}")
    assert not missing, f"rows about a person with no personal-data export section: {missing}"


def test_export_has_the_persons_attempts_results_tokens_and_subscriptions(learner, other_learner):
    quiz = qf.quiz_in_course(questions=[qf.true_false(answer=True)], pass_mark=Decimal("50"))
    for person in (learner, other_learner):
        enrolment_create(user=person, course=course_of(quiz))
        attempt = attempt_start(user=person, quiz=quiz)
        responses = {aq.pk: True for aq in attempt.questions.all()}
        attempt_save_responses(attempt=attempt, responses=responses)
        attempt_submit(attempt=attempt)
    api_token_create(user=learner, name="my token")
    ReportSubscription.objects.create(user=learner, frequency="monthly", view="institution")

    data = personal_data_export(user=learner)
    attempts = data["quizzes"]["attempts"]
    assert len(attempts) == 1  # the other learner's attempt is not here
    assert attempts[0]["passed"] is True
    assert attempts[0]["answers"][0]["response"] is True
    assert data["quizzes"]["results"][0]["score_percent"] == "100.00"
    assert [t["name"] for t in data["statistics"]["api_tokens"]] == ["my token"]
    assert "digest" not in data["statistics"]["api_tokens"][0]
    assert data["statistics"]["report_subscriptions"][0]["frequency"] == "monthly"


def test_erasure_revokes_tokens_and_ends_subscriptions(learner):
    api_token_create(user=learner, name="my token")
    ReportSubscription.objects.create(user=learner, frequency="weekly", view="institution")
    personal_data_erase(user=learner)
    assert not ApiToken.objects.filter(user=learner, revoked_at__isnull=True).exists()
    assert not ReportSubscription.objects.filter(user=learner).exists()


def test_export_and_erasure_have_the_persons_offline_records(learner, other_learner):
    import uuid

    from django.utils import timezone

    from offline.models import OfflineCompletion

    for person in (learner, other_learner):
        OfflineCompletion.objects.create(
            user=person,
            record_id=uuid.uuid4(),
            page_id=7,
            done_at=timezone.now(),
            status="accepted",
        )
    completions = personal_data_export(user=learner)["offline"]["completions"]
    assert [c["page_id"] for c in completions] == [7]
    assert completions[0]["status"] == "accepted"
    personal_data_erase(user=learner)
    assert not OfflineCompletion.objects.filter(user=learner).exists()
    assert OfflineCompletion.objects.filter(user=other_learner).exists()
