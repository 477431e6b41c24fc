"""POST /<lang>/learning/offline/sync/: lessons marked done offline, applied in order and
once per learner, each refused with a reason when the learner could not have done it then;
a malformed request is refused whole and writes nothing."""

import json
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.personal_data import personal_data_export
from accounts.services import personal_data_erase
from certificates.models import Certificate
from courses.api import course_completed
from courses.models import Enrolment, StepCompletion
from offline.models import OfflineCompletion
from tests.conftest import in_serbian

pytestmark = pytest.mark.django_db

URL = "/sr-latn/learning/offline/sync/"


def record(page, *, done_at=None, record_id=None):
    done_at = done_at or timezone.now() - timedelta(hours=1)
    return {
        "id": str(record_id or uuid.uuid4()),
        "page": page if isinstance(page, int) else page.pk,
        "done_at": done_at.isoformat(),
    }


def post(client, records=None, *, body=None, content_type="application/json"):
    data = body if body is not None else json.dumps({"records": records})
    return client.post(URL, data, content_type=content_type)


def enrol_days_ago(user, course, days=20):
    enrolment = Enrolment.objects.create(user=user, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        enrolled_at=timezone.now() - timedelta(days=days)
    )


def rows():
    return (OfflineCompletion.objects.count(), StepCompletion.objects.count())


def test_the_url_is_the_contracts():
    assert reverse("offline:sync") == URL


def test_accepted_records_are_steps_done_at_their_time(signed_in, enrolled, lessons):
    first = timezone.now() - timedelta(days=2)
    second = timezone.now() - timedelta(hours=3)
    response = post(
        signed_in, [record(lessons[0], done_at=first), record(lessons[1], done_at=second)]
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["accepted", "accepted"]
    assert not any(r["course_completed"] for r in results)
    assert "reason" not in results[0]
    steps = dict(
        StepCompletion.objects.filter(enrolment=enrolled).values_list("page_id", "completed_at")
    )
    assert steps == {lessons[0].pk: first, lessons[1].pk: second}
    enrolled.refresh_from_db()
    assert enrolled.started_at == first
    assert enrolled.last_activity_at == second
    assert enrolled.last_lesson_id == lessons[1].pk


def test_records_already_seen_are_read_at_once(signed_in, enrolled, lessons):
    """A device that sends its whole day again (the answer was lost) costs no query per
    record: 40 replayed records cost what 2 do."""
    sent = [record(lessons[0]), record(lessons[1])]
    post(signed_in, sent)
    with CaptureQueriesContext(connection) as two:
        post(signed_in, sent)
    with CaptureQueriesContext(connection) as forty:
        results = post(signed_in, sent * 20).json()["results"]
    assert [r["status"] for r in results] == ["duplicate"] * 40
    assert len(forty) == len(two)


def test_replaying_the_same_record_is_a_duplicate_applied_once(signed_in, enrolled, lessons):
    one = record(lessons[0])
    assert post(signed_in, [one]).json()["results"][0]["status"] == "accepted"
    # Sent again (the answer was lost), and twice in one batch.
    again = post(signed_in, [one, one]).json()["results"]
    assert [r["status"] for r in again] == ["duplicate", "duplicate"]
    assert rows() == (1, 1)


def test_the_record_id_is_per_learner(signed_in, client, enrolled, lessons, other_learner, course):
    """Another learner's device may pick the same id: both are accepted, each for its own."""
    same = str(uuid.uuid4())
    assert (
        post(signed_in, [record(lessons[0], record_id=same)]).json()["results"][0]["status"]
        == "accepted"
    )
    enrol_days_ago(other_learner, course)
    client.force_login(other_learner)
    result = post(client, [record(lessons[0], record_id=same)]).json()["results"][0]
    assert result["status"] == "accepted"
    assert StepCompletion.objects.filter(enrolment__user=other_learner).count() == 1
    assert OfflineCompletion.objects.filter(record_id=same).count() == 2


@pytest.mark.usefixtures("english")
def test_refused_records_say_why_and_the_others_apply(signed_in, learner, enrolled, lessons):
    now = timezone.now()
    Enrolment.objects.filter(pk=enrolled.pk).update(enrolled_at=now - timedelta(days=10))
    lessons[3].first_published_at = now - timedelta(days=5)
    lessons[3].save(update_fields=["first_published_at"])
    batch = [
        record(lessons[0], done_at=now + timedelta(hours=1)),  # future
        record(lessons[0], done_at=now - timedelta(days=31)),  # too old
        record(lessons[0], done_at=now - timedelta(days=11)),  # before the enrolment
        record(lessons[3], done_at=now - timedelta(days=6)),  # before the lesson's publication
        record(lessons[1], done_at=now + timedelta(minutes=4)),  # the clock a little ahead
        record(lessons[2]),
    ]
    results = post(signed_in, batch).json()["results"]
    assert [r["status"] for r in results] == ["refused"] * 4 + ["accepted"] * 2
    # The reasons come in the language of the address (/sr-latn/).
    assert [r["reason"] for r in results[:4]] == [
        in_serbian("The time recorded on your device is in the future: check its clock."),
        in_serbian("It was recorded more than 30 days ago."),
        in_serbian("It was recorded before you enrolled in the course."),
        in_serbian("It was recorded before the lesson was published."),
    ]
    assert set(
        StepCompletion.objects.filter(enrolment=enrolled).values_list("page_id", flat=True)
    ) == {lessons[1].pk, lessons[2].pk}
    # A time a little ahead is taken as now, never later.
    assert StepCompletion.objects.get(page_id=lessons[1].pk).completed_at <= timezone.now()
    assert OfflineCompletion.objects.filter(status="refused").count() == 4


def test_reasons_are_in_the_readers_language(signed_in, enrolled, lessons):
    result = post(signed_in, [record(lessons[0], done_at=timezone.now() + timedelta(days=1))])
    assert result.json()["results"][0]["reason"] == in_serbian(
        "The time recorded on your device is in the future: check its clock."
    )


def test_not_a_lesson_not_enrolled_not_visible(signed_in, learner, enrolled, lessons, course, tree):
    from courses.factories import course_with_lessons
    from courses.models import LessonPage, ModulePage

    other_course = course_with_lessons(modules=1, lessons=1)  # not enrolled
    restricted = course_with_lessons(modules=1, lessons=1, access="restricted")
    restricted.restricted_institutions.set([tree["nis"]])  # the learner is in Belgrade
    restricted.save()
    enrol_days_ago(learner, restricted)  # enrolled, but may not see it
    lessons[2].unpublish()
    module = ModulePage.objects.child_of(course).first()
    batch = [
        record(module),
        record(lessons[2]),  # unpublished
        record(999_999),
        record(LessonPage.objects.descendant_of(other_course).get()),
        record(LessonPage.objects.descendant_of(restricted).get()),
        record(lessons[0]),
    ]
    results = post(signed_in, batch).json()["results"]
    assert [r["status"] for r in results] == ["refused"] * 5 + ["accepted"]
    reasons = [r["reason"] for r in results[:5]]
    assert reasons[:3] == [in_serbian("This is not a lesson that is published now.")] * 3
    assert reasons[3] == in_serbian("You are not enrolled in this course.")
    assert reasons[4] == in_serbian("This course is not open to you.")
    assert StepCompletion.objects.filter(enrolment__user=learner).count() == 1


def test_another_learners_course_is_not_theirs(client, other_learner, enrolled, lessons):
    """The learner is enrolled; the other learner's records for the same lessons are
    refused and the learner's progress is untouched."""
    client.force_login(other_learner)
    results = post(client, [record(lessons[0])]).json()["results"]
    assert results[0]["status"] == "refused"
    assert not StepCompletion.objects.exists()


def test_a_revoked_enrolment_is_refused(signed_in, learner, enrolled, lessons, course):
    Enrolment.objects.filter(pk=enrolled.pk).update(archived_at=timezone.now())
    results = post(signed_in, [record(lessons[0])]).json()["results"]
    assert results[0]["status"] == "refused"
    assert results[0]["reason"] == in_serbian("You are not enrolled in this course.")
    Enrolment.objects.all().delete()
    results = post(signed_in, [record(lessons[1])]).json()["results"]
    assert results[0]["status"] == "refused"
    assert not StepCompletion.objects.exists()


def test_the_last_lesson_completes_the_course_at_its_time(
    signed_in, learner, enrolled, lessons, committed
):
    received = []
    course_completed.connect(lambda **kw: received.append(kw["enrolment"]), weak=False)
    base = timezone.now() - timedelta(days=1)
    with committed():
        results = post(
            signed_in,
            [
                record(lesson, done_at=base + timedelta(minutes=i))
                for i, lesson in enumerate(lessons)
            ],
        ).json()["results"]
    assert [r["course_completed"] for r in results] == [False, False, False, True]
    enrolled.refresh_from_db()
    assert enrolled.completed_at == base + timedelta(minutes=3)
    assert [e.pk for e in received] == [enrolled.pk]
    certificate = Certificate.objects.get(enrolment=enrolled)
    assert certificate is not None


def test_a_later_online_time_is_never_moved_back(signed_in, enrolled, lessons):
    from courses.services import step_complete

    step_complete(enrolment=enrolled, page=lessons[1])  # online, now
    enrolled.refresh_from_db()
    online = enrolled.last_activity_at
    earlier = timezone.now() - timedelta(days=1)
    post(signed_in, [record(lessons[0], done_at=earlier)])
    enrolled.refresh_from_db()
    assert enrolled.last_activity_at == online
    assert enrolled.last_lesson_id == lessons[1].pk
    assert enrolled.started_at == earlier
    # A lesson done online already keeps its time.
    post(signed_in, [record(lessons[1], done_at=earlier)])
    assert StepCompletion.objects.get(page_id=lessons[1].pk).completed_at == online


def test_a_translation_counts_on_the_canonical_lesson(signed_in, enrolled, lessons, course):
    from wagtail.models import Locale, Page

    english = Locale.objects.get_or_create(language_code="en")[0]
    course_en = course.copy_for_translation(english, copy_parents=True, alias=False)
    course_en.save_revision().publish()
    translated = lessons[0].copy_for_translation(english, copy_parents=True, alias=False)
    translated.save_revision().publish()
    Page.objects.filter(pk=translated.pk).update(
        first_published_at=timezone.now() - timedelta(days=25)
    )
    results = post(signed_in, [record(translated.pk)]).json()["results"]
    assert results[0]["status"] == "accepted"
    assert StepCompletion.objects.get().page_id == lessons[0].pk


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        json.dumps([]),
        json.dumps({"records": []}),
        json.dumps({"records": "x"}),
        json.dumps({"records": ["x"]}),
        json.dumps({"records": [{"id": "not-a-uuid", "page": 1, "done_at": "2026-01-01T00:00Z"}]}),
        json.dumps(
            {
                "records": [
                    {
                        "id": "3f2b1c9e-8d4a-4f6b-9c2e-1a5d7e9f0b3c",
                        "page": "x",
                        "done_at": "2026-01-01T00:00Z",
                    }
                ]
            }
        ),
        json.dumps(
            {
                "records": [
                    {
                        "id": "3f2b1c9e-8d4a-4f6b-9c2e-1a5d7e9f0b3c",
                        "page": True,
                        "done_at": "2026-01-01T00:00Z",
                    }
                ]
            }
        ),
        json.dumps(
            {
                "records": [
                    {
                        "id": "3f2b1c9e-8d4a-4f6b-9c2e-1a5d7e9f0b3c",
                        "page": 1,
                        "done_at": "yesterday",
                    }
                ]
            }
        ),
        json.dumps(
            {
                "records": [
                    {
                        "id": "3f2b1c9e-8d4a-4f6b-9c2e-1a5d7e9f0b3c",
                        "page": 1,
                        "done_at": "2026-13-01T00:00Z",
                    }
                ]
            }
        ),
        # Without its offset the time could be anyone's.
        json.dumps(
            {
                "records": [
                    {
                        "id": "3f2b1c9e-8d4a-4f6b-9c2e-1a5d7e9f0b3c",
                        "page": 1,
                        "done_at": "2026-01-01T10:00",
                    }
                ]
            }
        ),
    ],
)
def test_malformed_requests_are_refused_whole(signed_in, enrolled, lessons, body):
    before = rows()
    response = post(signed_in, body=body)
    assert response.status_code == 400
    assert response["Cache-Control"] == "no-store"
    assert response.json()["error"]
    assert rows() == before


def test_a_bad_record_after_good_ones_writes_nothing(signed_in, enrolled, lessons):
    good = record(lessons[0])
    bad = {**record(lessons[1]), "done_at": "not a date"}
    assert post(signed_in, [good, bad]).status_code == 400
    assert rows() == (0, 0)


def test_too_many_records(signed_in, enrolled, lessons):
    response = post(signed_in, [record(lessons[0]) for _ in range(201)])
    assert response.status_code == 400
    assert rows() == (0, 0)
    assert post(signed_in, [record(lessons[0]) for _ in range(200)]).status_code == 200


def test_form_data_is_not_json(signed_in, enrolled, lessons):
    response = signed_in.post(URL, {"records": "x"})
    assert response.status_code == 400
    assert rows() == (0, 0)


def test_anonymous_gets_403_json_and_nothing_is_written(client, enrolled, lessons):
    response = post(client, [record(lessons[0])])
    assert response.status_code == 403
    assert response["Cache-Control"] == "no-store"
    assert response.json()["error"]
    assert rows() == (0, 0)


def test_only_post(signed_in):
    assert signed_in.get(URL).status_code == 405


def test_csrf_is_required(learner, enrolled, lessons):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert post(client, [record(lessons[0])]).status_code == 403
    assert rows() == (0, 0)


def test_staff_are_learners_here(client, trainer, course, lessons):
    """A trainer not enrolled is refused like anyone; enrolled, their records count."""
    client.force_login(trainer)
    assert post(client, [record(lessons[0])]).json()["results"][0]["status"] == "refused"
    enrol_days_ago(trainer, course)
    assert post(client, [record(lessons[1])]).json()["results"][0]["status"] == "accepted"


def test_personal_data_export_and_erasure(signed_in, learner, other_learner, enrolled, lessons):
    post(signed_in, [record(lessons[0]), record(999_999)])
    OfflineCompletion.objects.create(
        user=other_learner,
        record_id=uuid.uuid4(),
        page_id=1,
        done_at=timezone.now(),
        status="refused",
    )
    exported = personal_data_export(user=learner)["offline"]["completions"]
    assert sorted(r["status"] for r in exported) == ["accepted", "refused"]
    assert {r["page_id"] for r in exported} == {lessons[0].pk, 999_999}
    personal_data_erase(user=learner)
    assert not OfflineCompletion.objects.filter(user=learner).exists()
    assert OfflineCompletion.objects.filter(user=other_learner).exists()
