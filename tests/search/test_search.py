"""Site search lists only pages the reader may open: Wagtail's view restrictions (privacy)
are honoured, for anonymous and signed-in readers alike."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(db):
    module = ModulePageFactory(parent=course_with_lessons(modules=0, lessons=0))

    def lesson(title, **restriction):
        page = LessonPageFactory(parent=module, title=title)
        if restriction:
            groups = restriction.pop("groups", ())
            made = PageViewRestriction.objects.create(page=page, **restriction)
            made.groups.set(groups)
        return page

    group = Group.objects.create(name="Istražitelji")
    return {
        "open": lesson("Zelena beleška otvorena"),
        "login": lesson("Zelena beleška prijava", restriction_type=PageViewRestriction.LOGIN),
        "groups": lesson(
            "Zelena beleška grupa", restriction_type=PageViewRestriction.GROUPS, groups=[group]
        ),
        "password": lesson(
            "Zelena beleška lozinka",
            restriction_type=PageViewRestriction.PASSWORD,
            password="tajna-lozinka",  # noqa: S106
        ),
        "group": group,
    }


def titles_found(client) -> set[str]:
    response = client.get("/sr-latn/search/", {"q": "zelena beleška"})
    assert response.status_code == 200
    html = response.content.decode()
    return {word for word in ("otvorena", "prijava", "grupa", "lozinka") if word in html}


def test_anonymous_reader_finds_only_public_pages(client, pages):
    assert titles_found(client) == {"otvorena"}


def test_signed_in_reader_also_finds_pages_for_signed_in_people(client, pages, learner):
    client.force_login(learner)
    assert titles_found(client) == {"otvorena", "prijava"}


def test_member_of_the_group_also_finds_the_groups_pages(client, pages, learner):
    learner.groups.add(pages["group"])
    client.force_login(learner)
    assert titles_found(client) == {"otvorena", "prijava", "grupa"}


def test_password_protected_page_is_found_only_after_giving_its_password(client, pages, learner):
    client.force_login(learner)
    assert "lozinka" not in titles_found(client)
    restriction = PageViewRestriction.objects.get(page=pages["password"])
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert "lozinka" in titles_found(client)
