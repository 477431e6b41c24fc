import datetime

import pytest

from accounts.factories import UserFactory
from accounts.models import Role
from accounts.services import user_move_institution
from institutions.factories import InstitutionFactory
from stats.selectors import (
    SUPPRESSED,
    OutOfScope,
    StatsFilters,
    StatsScope,
    people_not_completed,
    stats_by_institution,
    stats_by_month,
    stats_by_profession,
    stats_by_region,
    stats_scope_for,
    stats_summary,
)

from .conftest import enrol

EVERYWHERE = StatsScope(roots=None)


@pytest.fixture
def figures(tree, people, course):
    bg, ni = people["bg"], people["ni"]
    for person, days in zip(bg[:4], (10, 20, 30, 40), strict=True):
        enrol(
            person,
            course,
            enrolled="2026-01-01",
            completed=f"2026-0{1 + days // 31}-{1 + days % 31:02d}",
        )
    enrol(bg[4], course, enrolled="2026-02-01", started="2026-02-03")
    enrol(bg[5], course, enrolled="2026-03-01")
    enrol(ni[0], course, enrolled="2026-01-01", completed="2026-01-11")
    enrol(ni[1], course, enrolled="2026-01-01", completed="2026-01-21")
    enrol(ni[2], course, enrolled="2026-01-01")
    return people


def test_summary_counts_each_learner_once_per_course(figures, course):
    summary = stats_summary(scope=EVERYWHERE, filters=StatsFilters(course=course))
    assert (summary.enrolled, summary.started, summary.completed) == (9, 7, 6)
    assert summary.completion_rate == pytest.approx(66.7)
    assert summary.median_days_to_complete == pytest.approx(20.0)


def test_archived_enrolment_is_not_counted_again(figures, course, tree):
    from django.utils import timezone

    from courses.models import Enrolment

    person = figures["bg"][0]
    Enrolment.objects.filter(user=person, course=course).update(archived_at=timezone.now())
    enrol(person, course, enrolled="2026-04-01")
    summary = stats_summary(scope=EVERYWHERE, filters=StatsFilters(course=course))
    assert (summary.enrolled, summary.completed) == (9, 5)


def test_drill_down_lists_children_with_their_figures(figures, course, tree):
    rows = stats_by_institution(
        scope=EVERYWHERE, filters=StatsFilters(course=course, institution=tree["ministry"])
    )
    by_code = {r.code: r for r in rows}
    assert set(by_code) == {"PU-BG", "PU-NI"}
    assert (by_code["PU-BG"].enrolled, by_code["PU-BG"].completed) == (6, 4)
    assert (by_code["PU-NI"].enrolled, by_code["PU-NI"].completed) == (3, 2)
    assert by_code["PU-BG"].has_children
    leaf = stats_by_institution(
        scope=EVERYWHERE, filters=StatsFilters(course=course, institution=tree["belgrade"])
    )
    assert [(r.code, r.enrolled) for r in leaf] == [("PS-BG-1", 6)]
    assert not leaf[0].has_children


def test_mover_counts_where_they_completed(figures, course, tree):
    person = figures["ni"][0]  # completed at Medijana
    user_move_institution(user=person, institution=tree["station_bg"])
    walker = figures["bg"][5]  # enrolled at Vračar, not completed
    user_move_institution(user=walker, institution=tree["station_ni"])
    rows = stats_by_institution(
        scope=EVERYWHERE, filters=StatsFilters(course=course, institution=tree["ministry"])
    )
    by_code = {r.code: r for r in rows}
    assert (by_code["PU-NI"].enrolled, by_code["PU-NI"].completed) == (4, 2)
    assert (by_code["PU-BG"].enrolled, by_code["PU-BG"].completed) == (5, 4)
    total = stats_summary(scope=EVERYWHERE, filters=StatsFilters(course=course))
    assert total.enrolled == sum(r.enrolled for r in rows) == 9


def test_breakdowns_add_up_to_the_summary(figures, course, tree):
    filters = StatsFilters(course=course)
    total = stats_summary(scope=EVERYWHERE, filters=filters)
    for rows in (
        stats_by_institution(scope=EVERYWHERE, filters=filters),
        stats_by_profession(scope=EVERYWHERE, filters=filters),
        stats_by_region(scope=EVERYWHERE, filters=filters),
    ):
        assert sum(r.enrolled for r in rows) == total.enrolled
        assert sum(r.completed for r in rows) == total.completed
    months = stats_by_month(scope=EVERYWHERE, filters=filters)
    assert sum(r.completed for r in months) == total.completed
    assert {r.key: r.enrolled for r in months} == {"2026-01": 7, "2026-02": 1, "2026-03": 1}


def test_period_takes_enrolments_open_during_it(figures, course):
    filters = StatsFilters(
        course=course, date_from=datetime.date(2026, 2, 1), date_to=datetime.date(2026, 2, 28)
    )
    summary = stats_summary(scope=EVERYWHERE, filters=filters)
    # Open in February: bg[3] (completed on 10 February), bg[4] and ni[2] (still open).
    # Completed in January: out; bg[5], enrolled in March: out.
    assert (summary.enrolled, summary.completed) == (3, 1)


def test_profession_and_region_filters(figures, course, tree):
    judge = UserFactory(institution=tree["station_bg"], profession="judge")
    enrol(judge, course, completed="2026-01-09")
    only_judges = stats_summary(
        scope=EVERYWHERE, filters=StatsFilters(course=course, profession="judge")
    )
    assert (only_judges.enrolled, only_judges.completed) == (1, 1)
    tree["nis"].region = "nisava"
    tree["nis"].save()
    tree["station_ni"].region = "nisava"
    tree["station_ni"].save()
    nisava = stats_summary(scope=EVERYWHERE, filters=StatsFilters(course=course, region="nisava"))
    assert nisava.enrolled == 3


def test_analyst_scope_is_their_subtree(figures, course, tree, analyst_bg, settings):
    settings.STATS_MIN_CELL = 1  # scope, not disclosure control (test_disclosure.py)
    scope = stats_scope_for(viewer=analyst_bg)
    summary = stats_summary(scope=scope, filters=StatsFilters(course=course))
    assert summary.enrolled == 6
    rows = stats_by_institution(scope=scope, filters=StatsFilters(course=course))
    assert [r.code for r in rows] == ["PS-BG-1"]
    with pytest.raises(OutOfScope):
        stats_summary(scope=scope, filters=StatsFilters(institution=tree["nis"]))
    with pytest.raises(OutOfScope):
        stats_by_institution(scope=scope, filters=StatsFilters(institution=tree["ministry"]))


def test_analyst_sees_small_counts_hidden_wherever_they_work(figures, course, tree, analyst):
    scope = stats_scope_for(viewer=analyst)  # works at the ministry, sees the ministry
    rows = {
        r.code: r
        for r in stats_by_institution(
            scope=scope, filters=StatsFilters(course=course, institution=tree["ministry"])
        )
    }
    assert rows["PU-NI"].enrolled == SUPPRESSED  # 3
    assert rows["PU-NI"].completed == SUPPRESSED  # 2
    assert rows["PU-NI"].completion_rate is None
    assert rows["PU-NI"].median_days_to_complete is None
    # PU-BG's 6 would give PU-NI's 3 away with the total: hidden too.
    assert rows["PU-BG"].enrolled == SUPPRESSED
    assert rows["PU-BG"].completed == SUPPRESSED  # 4


def test_members_and_managers_get_protected_figures_too(figures, course, tree, analyst_nis):
    scope = stats_scope_for(viewer=analyst_nis)  # works at PU-NI
    summary = stats_summary(scope=scope, filters=StatsFilters(course=course))
    assert summary.enrolled == SUPPRESSED  # 3
    manager = UserFactory(
        institution=tree["ministry"], roles=[(Role.INSTITUTION_MANAGER, tree["ministry"])]
    )
    rows = stats_by_institution(
        scope=stats_scope_for(viewer=manager), filters=StatsFilters(course=course)
    )
    assert {r.code: r.enrolled for r in rows}["PU-NI"] == SUPPRESSED


def test_zero_is_not_suppressed(figures, other_course, analyst):
    summary = stats_summary(
        scope=stats_scope_for(viewer=analyst), filters=StatsFilters(course=other_course)
    )
    assert summary.enrolled == 0


def test_learner_and_trainer_have_no_scope(learner, trainer):
    assert stats_scope_for(viewer=learner) is None
    assert stats_scope_for(viewer=trainer) is None


def test_query_count_does_not_grow_with_institutions(tree, course, django_assert_max_num_queries):
    for i in range(30):
        station = InstitutionFactory(parent=tree["belgrade"], code=f"PS-BG-X{i}")
        enrol(UserFactory(institution=station), course, completed="2026-01-20")
    tree["ministry"].refresh_from_db()
    with django_assert_max_num_queries(6):
        rows = stats_by_institution(
            scope=EVERYWHERE, filters=StatsFilters(course=course, institution=tree["belgrade"])
        )
    assert len(rows) == 31
    with django_assert_max_num_queries(4):
        stats_summary(scope=EVERYWHERE, filters=StatsFilters())


def test_certificates_counted_by_status(figures, course, tree, administrator):
    from django.utils import timezone

    from certificates.services import certificate_record, certificate_revoke
    from courses.models import Enrolment

    done = list(Enrolment.objects.filter(course=course, completed_at__isnull=False)[:3])
    certs = [certificate_record(enrolment=e) for e in done]
    certificate_revoke(certificate=certs[0], actor=administrator, reason="fraud")
    certs[1].expires_at = timezone.now() - datetime.timedelta(days=1)
    certs[1].save()
    summary = stats_summary(scope=EVERYWHERE, filters=StatsFilters(course=course))
    assert (
        summary.certificates_valid,
        summary.certificates_expired,
        summary.certificates_revoked,
    ) == (1, 1, 1)


def test_people_list_for_managers_within_their_subtree(figures, course, tree, manager_bg, analyst):
    scope = stats_scope_for(viewer=manager_bg)
    names = {p.user_id for p in people_not_completed(scope=scope, course=course)}
    bg = figures["bg"]
    # bg[4] started, bg[5] enrolled; the manager themself is at PU-BG and not enrolled.
    assert names == {bg[4].pk, bg[5].pk, manager_bg.pk}
    with pytest.raises(OutOfScope):
        people_not_completed(scope=scope, course=course, institution=tree["nis"])
    with pytest.raises(OutOfScope):
        people_not_completed(scope=stats_scope_for(viewer=analyst), course=course)


def test_figures_are_cached_per_scope_and_filters(
    figures, course, settings, analyst_bg, django_assert_num_queries
):
    settings.STATS_CACHE_SECONDS = 60
    settings.STATS_MIN_CELL = 1  # caching, not disclosure control
    filters = StatsFilters(course=course)
    first = stats_summary(scope=EVERYWHERE, filters=filters)
    with django_assert_num_queries(0):
        again = stats_summary(scope=EVERYWHERE, filters=filters)
    assert again.enrolled == first.enrolled == 9
    # Another viewer's scope is another entry, never the administrator's figures.
    assert stats_summary(scope=stats_scope_for(viewer=analyst_bg), filters=filters).enrolled == 6
    with pytest.raises(OutOfScope):
        stats_summary(
            scope=stats_scope_for(viewer=analyst_bg),
            filters=StatsFilters(institution=figures["ni"][0].institution),
        )
