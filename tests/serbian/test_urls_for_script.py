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


def test_every_page_type_of_ours_keeps_the_readers_script():
    """Wagtail builds a page's URL with the page type's own `get_url_parts`: a page type
    without the mixin would send English readers of untranslated pages to Cyrillic."""
    from django.conf import settings
    from wagtail.models import get_page_models

    from serbian.urls_for_script import ScriptKeepingUrlMixin

    ours = [
        model
        for model in get_page_models()
        # An app of this project (a package with apps.py beside manage.py); the virtualenv
        # may itself live under BASE_DIR, so the app's path alone does not tell.
        if (settings.BASE_DIR / model._meta.app_config.name / "apps.py").exists()
    ]
    assert len(ours) >= 8  # home, course index, course, module, lesson, quiz, case index, case
    missing = [m.__name__ for m in ours if not issubclass(m, ScriptKeepingUrlMixin)]
    assert missing == []


@pytest.mark.django_db
def test_a_case_page_link_from_english_goes_to_latin():
    from caselaw.factories import CasePageFactory

    case = CasePageFactory()
    with translation.override("en"):
        assert case.get_url().startswith("/sr-latn/")
