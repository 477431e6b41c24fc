"""GET /<lang>/learning/offline/courses/<id>/: the offline copy of a course the learner is
enrolled in and may see; nobody else's; a bounded number of queries."""

import pytest
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, CollectionViewRestriction

from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from courses.models import Enrolment, LessonPage
from courses.services import enrolment_create
from offline.copy import OFFLINE_IMAGE_FILTER
from quizzes import factories as qf

pytestmark = pytest.mark.django_db


def url(course):
    return f"/sr-latn/learning/offline/courses/{course.pk}/"


def test_the_url_is_the_contracts(course):
    assert reverse("offline:copy", kwargs={"course_id": course.pk}) == url(course)


def test_the_copy_lists_the_course_its_lessons_and_assets(signed_in, enrolled, course, lessons):
    response = signed_in.get(url(course))
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    data = response.json()
    assert data["course"] == course.pk
    assert data["title"] == "Prepoznavanje trgovine ljudima"
    assert data["version"]
    assert data["exact"] is False  # pages are estimated
    pages = [u["url"] for u in data["urls"] if u["kind"] == "page"]
    assert pages[0] == course.url.replace("/sr/", "/sr-latn/")
    for lesson in lessons:
        assert lesson.url.replace("/sr/", "/sr-latn/") in pages
    assert all(p.startswith("/sr-latn/") for p in pages)
    assets = [u["url"] for u in data["urls"] if u["kind"] == "asset"]
    assert "/static/css/site.css" in assets
    assert "/static/js/lesson.js" in assets
    site_css = next(u for u in data["urls"] if u["url"] == "/static/css/site.css")
    from django.contrib.staticfiles import finders

    with open(finders.find("css/site.css"), "rb") as f:
        assert site_css["bytes"] == len(f.read())
    assert data["bytes"] == sum(u["bytes"] for u in data["urls"])
    assert all(u["bytes"] > 0 for u in data["urls"])


def test_in_cyrillic_the_pages_are_in_cyrillic(client, learner, enrolled, course, lessons):
    client.force_login(learner)
    data = client.get(f"/sr/learning/offline/courses/{course.pk}/").json()
    assert data["title"] == "Препознавање трговине људима"
    pages = [u["url"] for u in data["urls"] if u["kind"] == "page"]
    assert all(p.startswith("/sr/") for p in pages)


def test_unpublished_lessons_are_left_out(signed_in, enrolled, course, lessons):
    lessons[1].unpublish()
    pages = [u["url"] for u in signed_in.get(url(course)).json()["urls"]]
    assert lessons[1].url.replace("/sr/", "/sr-latn/") not in pages
    assert lessons[0].url.replace("/sr/", "/sr-latn/") in pages


def test_images_and_documents(signed_in, enrolled, course, lessons, learner):
    image = get_image_model().objects.create(title="Diagram", file=get_test_image_file())
    documents = get_document_model()
    from django.core.files.base import ContentFile

    public = documents.objects.create(title="Protocol", file=ContentFile(b"%PDF-1.4 x", "p.pdf"))
    private_collection = Collection.get_first_root_node().add_child(name="Staff only")
    private = documents.objects.create(
        title="Internal",
        file=ContentFile(b"%PDF-1.4 y", "i.pdf"),
        collection=private_collection,
    )
    CollectionViewRestriction.objects.create(
        collection=private_collection, restriction_type=CollectionViewRestriction.LOGIN
    )
    CollectionViewRestriction.objects.create(
        collection=private_collection,
        restriction_type=CollectionViewRestriction.GROUPS,
    )
    lesson = lessons[0]
    lesson.body = [
        ("image", {"image": image, "alt_text": "A diagram", "caption": ""}),
        ("document", {"document": public, "description": ""}),
        ("document", {"document": private, "description": ""}),
    ]
    lesson.save_revision().publish()
    data = signed_in.get(url(course)).json()
    rendition = image.get_rendition(OFFLINE_IMAGE_FILTER)
    assert rendition.url.endswith(".webp")
    images = [u for u in data["urls"] if u["kind"] == "image"]
    assert images == [{"url": rendition.url, "bytes": rendition.file.size, "kind": "image"}]
    docs = [u["url"] for u in data["urls"] if u["kind"] == "document"]
    assert docs == [public.url]  # the restricted one is not the learner's to download


def test_quiz_steps_point_at_their_placeholder(signed_in, enrolled, course, lessons):
    quiz = qf.quiz_in_course(questions=[qf.true_false()], course=course)
    data = signed_in.get(url(course)).json()
    quizzes = [u for u in data["urls"] if u["kind"] == "quiz"]
    assert quizzes == [
        {
            "url": quiz.url.replace("/sr/", "/sr-latn/"),
            "from": f"/sr-latn/learning/offline/quiz/{quiz.pk}/",
            "bytes": quizzes[0]["bytes"],
            "kind": "quiz",
        }
    ]


@pytest.mark.usefixtures("english")
def test_not_enrolled_not_visible_no_such_course(
    client, learner, other_learner, tree, enrolled, course
):
    client.force_login(other_learner)  # another learner's course
    response = client.get(f"/en/learning/offline/courses/{course.pk}/")
    assert response.status_code == 404
    assert response.json() == {"error": "You are not enrolled in this course."}
    assert response["Cache-Control"] == "no-store"
    client.force_login(learner)
    assert client.get("/en/learning/offline/courses/999999/").json() == {
        "error": "There is no such course."
    }
    lesson = LessonPage.objects.descendant_of(course).first()
    assert client.get(f"/en/learning/offline/courses/{lesson.pk}/").status_code == 404
    restricted = course_with_lessons(modules=1, lessons=1, access="restricted")
    restricted.restricted_institutions.set([tree["nis"]])
    restricted.save()
    Enrolment.objects.create(user=learner, course=restricted)
    response = client.get(f"/en/learning/offline/courses/{restricted.pk}/")
    assert response.status_code == 404
    assert response.json() == {"error": "This course is not open to you."}


def test_a_revoked_enrolment_has_no_copy(signed_in, enrolled, course):
    from django.utils import timezone

    Enrolment.objects.filter(pk=enrolled.pk).update(archived_at=timezone.now())
    assert signed_in.get(url(course)).status_code == 404


def test_an_unpublished_course_has_no_copy(signed_in, enrolled, course):
    course.unpublish()
    assert signed_in.get(url(course)).status_code == 404


def test_anonymous_gets_403_json(client, course):
    response = client.get(url(course))
    assert response.status_code == 403
    assert response.json()["error"]
    assert response["Cache-Control"] == "no-store"


def test_staff_are_not_given_courses_they_are_not_enrolled_in(client, administrator, course):
    client.force_login(administrator)
    assert client.get(url(course)).status_code == 404
    enrolment_create(user=administrator, course=course)
    assert client.get(url(course)).status_code == 200


def _course_of(lessons_count: int, learner):
    from courses.factories import CoursePageFactory

    course = CoursePageFactory()
    image = get_image_model().objects.create(title="Diagram", file=get_test_image_file())
    for _m in range(3):
        module = ModulePageFactory(parent=course)
        for _ in range(lessons_count // 3):
            LessonPageFactory(
                parent=module,
                body=[
                    ("paragraph", "<p>Text</p>"),
                    ("image", {"image": image, "alt_text": "x", "caption": ""}),
                ],
            )
    qf.quiz_in_course(questions=[qf.true_false()], course=course)
    enrolment_create(user=learner, course=course)
    return course


def test_queries_do_not_grow_with_the_lessons(signed_in, learner, django_assert_max_num_queries):
    small, large = _course_of(3, learner), _course_of(30, learner)
    for course in (small, large):
        signed_in.get(url(course))  # renditions made, sizes cached
    counts = []
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for course in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert signed_in.get(url(course)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(20):
        signed_in.get(url(large))
