"""The demo's learning history (ops.demo_history), on the demo site as load_demo leaves it
(with settings.DEMO_HISTORY_LEARNERS learners, 60 in tests)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from accounts.models import User
from certificates.codes import code_parse
from certificates.models import Certificate, CertificateEvent
from certificates.services import add_months
from courses.models import Enrolment, StepCompletion
from courses.selectors import required_step_ids
from evaluation.demo_scores import load_knowledge_tests
from ops.demo_history import (
    DEFAULT_LEARNERS,
    DEMO_LEARNER_DOMAIN,
    HISTORY_MONTHS,
    demo_learners,
    history_anchor,
    history_load,
    history_plan,
)
from quizzes.models import Attempt, AttemptQuestion, QuizResult
from stats.selectors import (
    SUPPRESSED,
    StatsFilters,
    stats_by_institution,
    stats_by_month,
    stats_scope_for,
    stats_summary,
)

pytestmark = pytest.mark.django_db
LEARNERS = 60  # config.settings.test.DEMO_HISTORY_LEARNERS
MODELS = (User, Enrolment, StepCompletion, Attempt, AttemptQuestion, QuizResult, Certificate)


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def demo_enrolments():
    return Enrolment.objects.filter(user__in=demo_learners())


def test_the_full_history_spreads_some_hundreds_of_learners_over_the_months(demo_site):
    plan = history_plan(learners=DEFAULT_LEARNERS)
    assert 300 <= len(plan.learners) <= 500
    enrolled = {cohort.month for cohort in plan.cohorts}
    completed = {g.completion_month for c in plan.cohorts for g in c.groups if g.completion_month}
    assert len(enrolled) >= 12
    assert len(completed) >= 12
    assert len({p.institution.code for p in plan.learners}) >= 25
    assert len({p.profession for p in plan.learners}) >= 6


def test_the_plan_is_the_same_every_time(demo_site):
    first, second = history_plan(learners=LEARNERS), history_plan(learners=LEARNERS)
    assert [(p.email, p.first_name, p.last_name) for p in first.learners] == [
        (p.email, p.first_name, p.last_name) for p in second.learners
    ]
    shape = lambda plan: [  # noqa: E731
        (c.course.pk, c.month, [(g.outcome, len(g.members)) for g in c.groups])
        for c in plan.cohorts
    ]
    assert shape(first) == shape(second)


def test_a_second_run_changes_nothing(demo_site):
    before = counts()
    result = history_load(learners=LEARNERS)
    assert result["unchanged"] is True
    assert counts() == before
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Learning history" in out.getvalue() and "unchanged" in out.getvalue()
    assert counts() == before


def test_rewriting_the_history_gives_the_same_figures(demo_site):
    before = counts()
    first_dates = sorted(demo_enrolments().values_list("enrolled_at", "completed_at"))
    Enrolment.objects.filter(pk=demo_enrolments().first().pk).update(completed_at=None)
    result = history_load(learners=LEARNERS)
    assert result["unchanged"] is False
    # The demo learners' attempts go with their history, the Niš seminar's pre- and
    # post-tests too: load_demo writes those again next (evaluation's demo), the same.
    assert load_knowledge_tests()["attempts"] > 0
    assert counts() == before
    assert sorted(demo_enrolments().values_list("enrolled_at", "completed_at")) == first_dates


def test_a_smaller_history_removes_the_learners_it_no_longer_has(demo_site):
    history_load(learners=20)
    assert demo_learners().count() < LEARNERS
    assert (
        not Enrolment.objects.filter(user__email__endswith=DEMO_LEARNER_DOMAIN)
        .exclude(user__in=demo_learners())
        .exists()
    )


def test_history_lies_in_the_months_before_this_one(demo_site):
    anchor = history_anchor()
    earliest = add_months(anchor, -HISTORY_MONTHS)
    dates = demo_enrolments().values_list("enrolled_at", "started_at", "completed_at")
    assert dates
    for enrolled, started, completed in dates:
        assert earliest <= enrolled < anchor
        assert started is None or enrolled <= started < anchor
        assert completed is None or started <= completed < anchor
    assert not Attempt.objects.filter(user__in=demo_learners(), submitted_at__gte=anchor).exists()


def test_demo_learners_are_marked_and_cannot_sign_in(demo_site):
    learners = list(demo_learners())
    assert len(learners) >= LEARNERS
    for user in learners:
        assert user.email.endswith("@" + DEMO_LEARNER_DOMAIN)
        assert not user.has_usable_password()
        assert not user.is_staff_role
        assert user.institution_id and user.memberships.filter(ended_at__isnull=True).exists()
    scripts = {"cyrillic" if "\u0400" <= u.last_name[0] <= "\u04ff" else "latin" for u in learners}
    assert scripts == {"cyrillic", "latin"}


def test_completions_have_their_steps_results_and_one_certificate(demo_site):
    completed = demo_enrolments().filter(completed_at__isnull=False).select_related("course")
    assert completed
    required = {}
    for enrolment in completed:
        course = enrolment.course
        required.setdefault(course.pk, required_step_ids(course=course))
        steps = set(enrolment.steps_done.values_list("page_id", flat=True))
        assert required[course.pk] <= steps
        certificate = Certificate.objects.get(enrolment=enrolment)
        assert code_parse(certificate.code) == certificate.code
        assert certificate.serial.startswith(f"CT-{certificate.issued_at.year}-")
        assert certificate.completed_at == enrolment.completed_at <= certificate.issued_at
        assert certificate.expires_at == add_months(enrolment.completed_at, course.validity_months)
        assert certificate.institution_id == enrolment.completion_institution_id
        assert not certificate.pdf  # drawn when someone asks for it
    certificates = Certificate.objects.filter(user__in=demo_learners())
    assert certificates.count() == completed.count()
    assert CertificateEvent.objects.filter(certificate__in=certificates).count() == len(completed)
    assert Certificate.objects.filter(serial__in=certificates.values("serial")).count() == len(
        completed
    )


def test_attempts_pass_and_fail_and_results_follow_the_best(demo_site):
    attempts = Attempt.objects.filter(user__in=demo_learners())
    assert attempts.filter(passed=True).exists() and attempts.filter(passed=False).exists()
    for result in QuizResult.objects.filter(user__in=demo_learners()).select_related("quiz"):
        mine = list(attempts.filter(user=result.user_id, quiz=result.quiz_id))
        assert result.attempts_count == len(mine) <= result.quiz.attempts_allowed
        assert result.score == max(a.score for a in mine)
        assert result.passed == (result.score >= result.quiz.pass_mark)
    graded = AttemptQuestion.objects.filter(attempt__in=attempts)
    assert not graded.filter(fraction__isnull=True).exists()
    assert graded.filter(fraction=1).exists() and graded.filter(fraction=0).exists()


def _no_hidden(rows):
    return all(SUPPRESSED not in (r.enrolled, r.completed, r.started) for r in rows)


def test_the_analyst_sees_figures_and_months_not_hidden_cells(demo_site):
    analyst = User.objects.get(email="analyst@demo.local")
    scope = stats_scope_for(viewer=analyst)
    summary = stats_summary(scope=scope, filters=StatsFilters())
    assert summary.enrolled > 0 and summary.completed > 0 and summary.certificates_valid > 0
    assert summary.passed_quizzes > 0 and not summary.suppressed
    months = stats_by_month(scope=scope, filters=StatsFilters())
    assert len([m for m in months if m.completed]) >= 3 and _no_hidden(months)


def test_the_manager_sees_their_subtree_only(demo_site):
    manager = User.objects.get(email="manager@demo.local")
    scope = stats_scope_for(viewer=manager)
    rows = stats_by_institution(scope=scope, filters=StatsFilters())
    assert rows and _no_hidden(rows)
    assert {r.code for r in rows} <= {"PU-BG", "PS-VRACAR", "PS-NOVI-BEOGRAD", "PS-ZEMUN"}
    summary = stats_summary(scope=scope, filters=StatsFilters())
    in_subtree = demo_enrolments().filter(user__institution__path__startswith=scope.roots[0].path)
    assert summary.enrolled == in_subtree.count() > 0
    assert summary.enrolled < demo_enrolments().count()


def test_dashboards_render_figures_for_the_analyst_and_the_manager(demo_site, client, mfa_login):
    for email in ("analyst@demo.local", "manager@demo.local"):
        user = User.objects.get(email=email)
        mfa_login(client, user)
        response = client.get("/admin/stats/")
        assert response.status_code == 200
        summary = dict(response.context["summary"])
        numbers = [v for v in summary.values() if isinstance(v, int | float)]
        assert numbers and max(numbers) > 0
        months = response.context["charts"][0]
        assert len([b for b in months.bars if b.height > 0]) >= 3
        client.logout()


def test_the_trainers_course_report_lists_demo_learners(demo_site, client, mfa_login):
    trainer = User.objects.get(email="trainer@demo.local")
    course = demo_enrolments().first().course
    mfa_login(client, trainer)
    response = client.get(f"/admin/reports/course-progress/{course.pk}/")
    assert response.status_code == 200
    assert DEMO_LEARNER_DOMAIN in response.content.decode()


def test_demo_accounts_command_repeats_the_accounts_and_the_password(demo_site):
    out = StringIO()
    call_command("demo_accounts", "--url", "http://127.0.0.1:8000/", stdout=out)
    text = out.getvalue()
    assert "manager@demo.local" in text and "analyst@demo.local" in text
    assert "demo-password-2026" in text and "http://127.0.0.1:8000/" in text
    assert f"@{DEMO_LEARNER_DOMAIN}" in text


def test_the_history_is_dated_before_now(demo_site):
    assert not Certificate.objects.filter(issued_at__gt=timezone.now()).exists()


def test_the_trainers_item_statistics_rest_on_the_demo_attempts(demo_site, client, mfa_login):
    trainer = User.objects.get(email="trainer@demo.local")
    quiz_id = Attempt.objects.filter(user__in=demo_learners(), quiz__is_final=True)[0].quiz_id
    mfa_login(client, trainer)
    response = client.get(f"/admin/quizzes/{quiz_id}/statistics/")
    assert response.status_code == 200
    stats = response.context["stats"]
    assert stats.attempts > 0 and stats.items
    assert any(item.facility is not None and 0 < item.facility < 100 for item in stats.items)


def test_demo_learners_and_their_certificates_are_found_by_name_in_either_script(demo_site):
    """Written in bulk (no save()), they still carry the folded names that the people and
    certificate searches use."""
    from accounts.models import User
    from certificates.models import Certificate
    from serbian.names import name_folded

    learners = list(demo_learners())
    assert learners and all(
        u.name_folded == name_folded(u.first_name, u.last_name) for u in learners
    )
    certificates = list(Certificate.objects.filter(user__in=learners))
    assert certificates and all(
        c.holder_name_folded == name_folded(c.holder_name) for c in certificates
    )
    assert User.objects.filter(name_folded="").filter(pk__in=[u.pk for u in learners]).count() == 0
