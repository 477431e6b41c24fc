"""The demo site as `load_demo` leaves it, loaded once for this module (`demo_site`); the
tests that load it again check that a second run changes nothing. Tests that need a database
without the demo first are in test_load_demo_fresh.py."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.utils import translation
from wagtail.models import Locale, Page, Revision, Site

from accounts.demo import DEMO_PASSWORD, demo_accounts
from accounts.models import Membership, Role, RoleAssignment, User
from home.demo import demo_home
from home.models import HomePage, PartnerLogo, ProgrammeSettings
from institutions.models import Institution
from ops.demo_history import demo_learners

ACCOUNTS = demo_accounts()
HOME_PAGE = demo_home().pages
PARTNERS = demo_home().partners

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        Institution,
        User,
        EmailAddress,
        Membership,
        RoleAssignment,
        Page,
        Revision,
        ProgrammeSettings,
        PartnerLogo,
        Locale,
    ]
    return {model.__name__: model.objects.count() for model in models}


def test_second_run_creates_no_duplicates_and_no_new_revisions(demo_site):
    first = counts()
    load_demo()
    assert counts() == first
    assert first["User"] == len(ACCOUNTS) + demo_learners().count()
    assert first["PartnerLogo"] == len(PARTNERS)
    assert first["Institution"] >= 60


def test_every_role_exists_with_its_scope(demo_site):
    scopes = {
        a.role: (a.institution.code if a.institution else None)
        for a in RoleAssignment.objects.select_related("institution")
    }
    assert scopes == {
        Role.ADMINISTRATOR: None,
        Role.TRAINER: None,
        Role.SENIOR_TRAINER: None,
        Role.INSTITUTION_MANAGER: "PU-BG",
        Role.MINISTRY_ANALYST: "MUP",
    }
    admin = User.objects.get(email="admin@demo.local")
    assert admin.is_superuser and admin.is_staff


def test_accounts_have_verified_emails_the_demo_password_and_an_institution(demo_site):
    # (The learning history's learners have no usable password: tests/ops/test_demo_history.py)
    for user in User.objects.exclude(pk__in=demo_learners()):
        assert user.check_password(DEMO_PASSWORD)
        assert user.institution_id is not None
        assert EmailAddress.objects.get(user=user).verified
    assert User.objects.filter(first_name="Ђорђе", last_name="Јовановић").exists()
    assert User.objects.filter(first_name="Ljiljana", last_name="Petrović").exists()


def test_institutions_are_updated_in_place_and_put_back_under_their_parent(demo_site):
    station = Institution.objects.get(code="PS-VRACAR")
    station.name_en = "Renamed"
    station.save()
    station.move(Institution.objects.get(code="PU-NI"), pos="sorted-child")
    before = Institution.objects.count()

    load_demo()

    station = Institution.objects.get(code="PS-VRACAR")
    assert station.name_en == "Vračar Police Station"
    assert station.get_parent().code == "PU-BG"
    assert Institution.objects.count() == before


def test_institution_tree_is_valid_and_shaped_as_documented(demo_site):
    for node in Institution.objects.all():
        node.full_clean()
    parents = {
        "MUP-DP": "MUP",
        "PU-BG": "MUP-DP",
        "PS-VRACAR": "PU-BG",
        "MUP-AZIL": "MUP-UGP",
        "SUD-VS": "SUD",
        "JT-TOK": "JT-VRHOVNO",
        "CZZTL": "MINRZS",
        "UNODC": "INT",
    }
    for code, parent in parents.items():
        assert Institution.objects.get(code=code).get_parent().code == parent
    assert Institution.objects.get(code="PU-NS").region == "south_backa"
    assert Institution.objects.filter(kind="police_regional").count() >= 6
    assert Institution.objects.get(code="PU-BG").get_children_count() >= 2


def test_english_translation_of_the_home_page_is_published(demo_site):
    serbian = Site.objects.get(is_default_site=True).root_page.specific
    english = serbian.get_translation(Locale.objects.get(language_code="en")).specific
    assert isinstance(english, HomePage)
    assert english.live and not english.has_unpublished_changes
    assert serbian.live and not serbian.has_unpublished_changes
    assert english.title == HOME_PAGE["en"]["title"]
    assert serbian.title == HOME_PAGE["sr"]["title"]
    assert [b.value["title"] for b in english.audiences] == [
        a["title"] for a in HOME_PAGE["en"]["audiences"]
    ]
    with translation.override("en"):
        assert english.url == "/en/"
    with translation.override("sr-latn"):
        assert serbian.url == "/sr-latn/"


# /sr/ is left out: Serbian content is transliterated to Cyrillic there.
@pytest.mark.parametrize(("prefix", "language"), [("/en/", "en"), ("/sr-latn/", "sr")])
def test_each_language_prefix_serves_its_home_page(client, prefix, language, demo_site):
    response = client.get(prefix)
    assert response.status_code == 200
    html = response.content.decode()
    assert HOME_PAGE[language]["title"] in html
    assert HOME_PAGE[language]["audiences"][0]["title"] in html


def test_programme_settings_name_the_partners(demo_site):
    programme = ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))
    for partner in ("IOM", "UNHCR", "UNODC", "Vladom Republike Srbije"):
        assert partner in programme.footer_text
    assert [p.name for p in programme.partner_logos.order_by("sort_order")] == [
        name for name, _, _ in PARTNERS
    ]


def test_output_lists_the_accounts_with_the_password_and_the_totp_hint(demo_site):
    output = demo_site
    for account in ACCOUNTS:
        assert account.email in output
    assert DEMO_PASSWORD in output
    assert "local demonstration only" in output
    assert "TOTP" in output
    assert "existing account" not in output
    assert "existing account" in load_demo()


@pytest.mark.parametrize("prefix", ["/sr-latn/", "/sr/", "/en/"])
def test_each_home_page_card_leads_to_a_course(client, prefix, demo_site):
    html = client.get(prefix).content.decode()
    section = re.search(r'<ul class="cards">(.*?)</ul>', html, re.S).group(1)
    hrefs = re.findall(r'<a class="card-link" href="([^"]+)">', section)
    assert len(hrefs) == len(HOME_PAGE["en"]["audiences"])
    from courses.models import CoursePage

    with translation.override(prefix.strip("/")):
        course_urls = {course.url for course in CoursePage.objects.live()}
    for href in hrefs:
        assert href.startswith(prefix)
        assert href in course_urls
        assert client.get(href).status_code == 200
