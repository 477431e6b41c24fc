"""Course progress reports in the admin: who sees them, what they show, exports, queries."""

import csv
import io
import itertools
from urllib.parse import urlsplit

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.factories import UserFactory
from accounts.models import Role
from courses.api import courses_reported_to
from courses.authoring import course_assign_trainer, ensure_course_workflow
from courses.factories import course_index, course_with_lessons
from courses.models import LessonPage, ModulePage
from courses.services import enrolment_create, step_complete

INDEX_URL = "/admin/reports/course-progress/"
# Export columns, in order (headings are translated into the reader's language).
LEARNER_COLUMNS = [
    "name",
    "email",
    "institution",
    "profession",
    "enrolled",
    "started",
    "done",
    "required",
    "percent",
    "completed",
    "last_activity",
]


def _report_url(course, suffix=""):
    return f"{INDEX_URL}{course.pk}/{suffix}"


@pytest.fixture
def course_a(db):
    course_index()
    ensure_course_workflow()
    return course_with_lessons(modules=2, lessons=2, title="Course A")


@pytest.fixture
def course_b(course_a):
    return course_with_lessons(modules=1, lessons=1, title="Course B")


@pytest.fixture
def author(trainer, course_a):
    course_assign_trainer(course=course_a, user=trainer)
    return trainer


def _lessons(course):
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def _enrol(user, course, *, done=0):
    enrolment, _ = enrolment_create(user=user, course=course)
    for lesson in _lessons(course)[:done]:
        step_complete(enrolment=enrolment, page=lesson)
    enrolment.refresh_from_db()
    return enrolment


def _csv_rows(response) -> list[dict[str, str]]:
    """A learners' CSV export as dicts keyed by LEARNER_COLUMNS, without the heading row."""
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows[0]) == len(LEARNER_COLUMNS)
    return [dict(zip(LEARNER_COLUMNS, row, strict=True)) for row in rows[1:]]


def _refused(response):
    # Wagtail turns a refusal into a redirect (to the dashboard or the login page).
    return response.status_code == 403 or (
        response.status_code == 302
        and not urlsplit(response["Location"]).path.startswith(INDEX_URL)
    )


# --- Who sees what --------------------------------------------------------------------------


def test_trainer_sees_the_report_of_their_course(
    client, mfa_login, author, learner, course_a, course_b
):
    _enrol(learner, course_a, done=1)
    mfa_login(client, author)
    response = client.get(_report_url(course_a))
    assert response.status_code == 200
    assert learner.email in response.content.decode()
    assert len(response.context["modules"]) == 2


def test_trainer_is_refused_other_courses(client, mfa_login, author, learner, course_b):
    _enrol(learner, course_b)
    mfa_login(client, author)
    response = client.get(_report_url(course_b))
    assert _refused(response)
    assert _refused(client.get(_report_url(course_b) + "?export=csv"))


def test_senior_trainer_sees_only_the_courses_given_to_them(client, mfa_login, tree, course_a):
    senior = UserFactory(institution=tree["ministry"], roles=[(Role.SENIOR_TRAINER, None)])
    mfa_login(client, senior)
    assert client.get(INDEX_URL).status_code == 200
    assert _refused(client.get(_report_url(course_a)))
    course_assign_trainer(course=course_a, user=senior)
    assert client.get(_report_url(course_a)).status_code == 200


def test_trainer_lists_only_their_courses(client, mfa_login, author, course_a, course_b):
    assert list(courses_reported_to(author)) == [course_a]
    mfa_login(client, author)
    html = client.get(INDEX_URL).content.decode()
    assert "Course A" in html
    assert "Course B" not in html


def test_administrator_sees_every_course(client, mfa_login, administrator, course_a, course_b):
    mfa_login(client, administrator)
    html = client.get(INDEX_URL).content.decode()
    assert "Course A" in html and "Course B" in html
    assert client.get(_report_url(course_b)).status_code == 200


def test_manager_and_analyst_are_refused(client, mfa_login, manager_bg, analyst, course_a):
    for person in (manager_bg, analyst):
        mfa_login(client, person)
        assert _refused(client.get(INDEX_URL))
        assert _refused(client.get(_report_url(course_a)))
        client.logout()


def test_learner_is_refused(client, learner, course_a):
    _enrol(learner, course_a)
    client.force_login(learner)
    assert _refused(client.get(INDEX_URL))
    response = client.get(_report_url(course_a) + "?export=csv")
    assert _refused(response)


def test_menu_item_is_shown_to_trainers_only(client, mfa_login, author, manager_bg, course_a):
    mfa_login(client, author)
    assert INDEX_URL in client.get("/admin/").content.decode()
    client.logout()
    mfa_login(client, manager_bg)
    assert INDEX_URL not in client.get("/admin/").content.decode()


def test_course_editor_links_to_the_report(client, mfa_login, author, course_a):
    mfa_login(client, author)
    html = client.get(f"/admin/pages/{course_a.pk}/edit/").content.decode()
    assert _report_url(course_a) in html


# --- What it shows --------------------------------------------------------------------------


def test_index_counts_enrolled_and_completed(
    client, mfa_login, author, learner, other_learner, course_a
):
    _enrol(learner, course_a, done=4)  # all four lessons: completed
    _enrol(other_learner, course_a, done=1)
    mfa_login(client, author)
    response = client.get(INDEX_URL + "?export=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows[0]) == 4  # course, enrolled, completed, completion rate
    assert rows[1:] == [["Course A", "2", "1", "50"]]


def test_module_completion_rates(client, mfa_login, author, learner, other_learner, course_a):
    _enrol(learner, course_a, done=4)
    _enrol(other_learner, course_a, done=2)  # the first module only
    mfa_login(client, author)
    response = client.get(_report_url(course_a))
    modules = response.context["modules"]
    assert [(m.completed, m.rate) for m in modules] == [(2, 100), (1, 50)]
    assert response.context["totals"]["enrolled"] == 2
    assert response.context["totals"]["completed"] == 1


def test_optional_lessons_do_not_count(client, mfa_login, author, learner, course_a):
    module = ModulePage.objects.child_of(course_a).first()
    optional = LessonPage.objects.child_of(module).first()
    optional.required = False
    optional.save_revision().publish()
    _enrol(learner, course_a)
    mfa_login(client, author)
    response = client.get(_report_url(course_a) + "?export=csv")
    assert _csv_rows(response)[0]["required"] == "3"


def test_filters_by_institution_subtree_and_completion(
    client, mfa_login, author, learner, other_learner, tree, course_a
):
    _enrol(learner, course_a, done=4)  # Belgrade station, completed
    _enrol(other_learner, course_a, done=1)  # Niš station, in progress
    mfa_login(client, author)

    html = client.get(_report_url(course_a), {"institution": tree["belgrade"].pk}).content
    assert learner.email in html.decode() and other_learner.email not in html.decode()

    html = client.get(_report_url(course_a), {"completed": "no"}).content.decode()
    assert other_learner.email in html and learner.email not in html

    response = client.get(_report_url(course_a, "results/"), {"completed": "yes"})
    assert response.status_code == 200
    assert learner.email in response.content.decode()

    response = client.get(_report_url(course_a), {"institution": tree["nis"].pk, "export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert other_learner.email in body and learner.email not in body


def test_csv_export_lists_the_learners(client, mfa_login, author, learner, other_learner, course_a):
    _enrol(learner, course_a, done=4)
    _enrol(other_learner, course_a, done=1)
    mfa_login(client, author)
    response = client.get(_report_url(course_a) + "?export=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = {row["email"]: row for row in _csv_rows(response)}
    assert set(rows) == {learner.email, other_learner.email}
    done = rows[learner.email]
    assert done["name"] == learner.get_full_name()
    assert done["institution"] == learner.institution.name_sr
    assert done["done"] == "4" and done["required"] == "4"
    assert done["percent"] == "100"
    assert done["completed"]
    assert rows[other_learner.email]["percent"] == "25"
    assert rows[other_learner.email]["completed"] == ""


def test_csv_export_defuses_formulas(client, mfa_login, author, tree, course_a):
    sly = UserFactory(institution=tree["station_bg"], first_name="=HYPERLINK(1)")
    _enrol(sly, course_a)
    mfa_login(client, author)
    response = client.get(_report_url(course_a) + "?export=csv")
    assert _csv_rows(response)[0]["name"].startswith("'=")


def test_xlsx_export_is_a_workbook(client, mfa_login, author, learner, course_a):
    enrolment = _enrol(learner, course_a, done=4)
    mfa_login(client, author)
    response = client.get(_report_url(course_a) + "?export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2 and len(rows[0]) == len(LEARNER_COLUMNS)
    row = dict(zip(LEARNER_COLUMNS, rows[1], strict=True))
    assert row["email"] == learner.email
    assert row["percent"] == 100
    # Dates in local time, as the learners' institutions read them.
    local = timezone.localtime(enrolment.completed_at).replace(tzinfo=None, microsecond=0)
    assert row["completed"].replace(microsecond=0) == local


# --- Queries --------------------------------------------------------------------------------

_people = itertools.count()


def _add_learners(tree, course, count):
    stations = [tree["station_bg"], tree["station_ni"]]
    for n in range(count):
        person = UserFactory(
            institution=stations[n % 2], email=f"learner{next(_people)}@example.org"
        )
        _enrol(person, course, done=n % 5)


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        _get(client, url)
    return len(queries)


@pytest.mark.parametrize("query", ["", "?completed=no", "?export=csv", "?export=xlsx"])
def test_course_report_queries_do_not_grow_with_learners(
    client, mfa_login, author, tree, course_a, query, django_assert_max_num_queries
):
    url = _report_url(course_a) + query
    mfa_login(client, author)
    _add_learners(tree, course_a, 3)
    _get(client, url)  # warm per-process caches (content types, site root)
    with_three = _queries(client, url)
    _add_learners(tree, course_a, 27)
    with django_assert_max_num_queries(with_three):
        body = _get(client, url)
    if query == "?export=csv":
        assert body.decode().count("@example.org") == 30


def test_index_queries_do_not_grow_with_courses_or_learners(
    client, mfa_login, administrator, tree, course_a, django_assert_max_num_queries
):
    mfa_login(client, administrator)
    _add_learners(tree, course_a, 3)
    _get(client, INDEX_URL)
    with_one = _queries(client, INDEX_URL)
    for _n in range(5):
        _add_learners(tree, course_with_lessons(modules=1, lessons=1), 6)
    with django_assert_max_num_queries(with_one):
        _get(client, INDEX_URL)
