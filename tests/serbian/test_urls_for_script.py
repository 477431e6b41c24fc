import pytest
from django.utils import translation

from courses.factories import course_with_lessons


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("reader", "prefix"),
    [("sr-latn", "/sr-latn/"), ("sr", "/sr/"), ("en", "/sr-latn/")],
)
def test_links_to_serbian_pages_keep_the_readers_script(reader, prefix):
    """An English reader of a course not yet translated lands in the default (Latin)
    interface, never in Cyrillic unless they chose it."""
    course = course_with_lessons(modules=1, lessons=1)
    with translation.override(reader):
        assert course.get_url().startswith(prefix)


@pytest.mark.django_db
def test_enrolling_from_the_english_interface_goes_back_to_latin(client, learner):
    course = course_with_lessons(modules=1, lessons=1)
    client.force_login(learner)
    response = client.post(f"/en/learning/enrol/{course.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/sr-latn/")
