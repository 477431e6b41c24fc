"""What readers see of the programme settings, in each language and script."""

import re

import pytest
import wagtail_factories
from django.core import mail
from wagtail.models import Site

from home.models import PartnerLogo, ProgrammeSettings


@pytest.fixture
def programme(db):
    programme = ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))
    programme.programme_name = "Zajednički program protiv trgovine ljudima"
    programme.programme_name_en = "Joint programme against trafficking"
    programme.short_name = "E-učenje"
    programme.short_name_en = "E-learning"
    programme.footer_text = "Uz podršku Vlade Srbije."
    programme.footer_text_en = "With the support of the Government of Serbia."
    programme.save()
    PartnerLogo.objects.create(
        settings=programme, name="Vlada Srbije", name_en="Government of Serbia", sort_order=0
    )
    PartnerLogo.objects.create(settings=programme, name="IOM", sort_order=1)
    return programme


@pytest.mark.parametrize(
    ("language", "name", "short", "footer", "partner"),
    [
        (
            "sr-latn",
            "Zajednički program protiv trgovine ljudima",
            "E-učenje",
            "Uz podršku Vlade Srbije.",
            "Vlada Srbije",
        ),
        (
            "sr",
            "Заједнички програм против трговине људима",
            "Е-учење",
            "Уз подршку Владе Србије.",
            "Влада Србије",
        ),
        (
            "en",
            "Joint programme against trafficking",
            "E-learning",
            "With the support of the Government of Serbia.",
            "Government of Serbia",
        ),
    ],
)
def test_accessors_give_each_language_its_text(programme, language, name, short, footer, partner):
    assert programme.name_for(language) == name
    assert programme.short_name_for(language) == short
    assert programme.footer_for(language) == footer
    partners = list(programme.partners_for_display())
    assert partners[0].name_for(language) == partner
    assert partners[1].name_for(language) == "IOM"


def test_english_falls_back_to_the_serbian_latin_text(programme):
    programme.footer_text = "Уз подршку Владе."
    programme.footer_text_en = ""
    assert programme.footer_for("en") == "Uz podršku Vlade."


@pytest.mark.parametrize(
    ("language", "short", "footer", "partner", "other"),
    [
        ("sr-latn", "E-učenje", "Uz podršku Vlade Srbije.", "Vlada Srbije", "E-learning"),
        ("sr", "Е-учење", "Уз подршку Владе Србије.", "Влада Србије", "E-learning"),
        ("en", "E-learning", "With the support of the Government of Serbia.",
         "Government of Serbia", "E-učenje"),
    ],
)  # fmt: skip
def test_page_header_title_and_footer_are_in_the_pages_language(
    client, programme, language, short, footer, partner, other
):
    html = client.get(f"/{language}/search/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith(f" · {short}")
    brand = re.search(r'<a class="brand"[^>]*>(.*?)</a>', html).group(1)
    assert brand == short
    footer_html = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)
    assert footer in footer_html
    assert partner in footer_html
    assert programme.name_for(language) in footer_html
    assert other not in title + brand + footer_html


def test_english_page_marks_serbian_text_shown_for_want_of_english(client, programme):
    programme.footer_text_en = ""
    programme.save()
    PartnerLogo.objects.filter(name="Vlada Srbije").update(name_en="")
    html = client.get("/en/search/").content.decode()
    assert '<p class="small" lang="sr-Latn">Uz podršku Vlade Srbije.</p>' in html
    assert '<li lang="sr-Latn">Vlada Srbije</li>' in html
    # An acronym reads the same in every language: no marking.
    assert "<li>IOM</li>" in html


@pytest.mark.parametrize("language", ["sr-latn", "sr", "en"])
def test_home_page_title_does_not_repeat_the_site_name(client, programme, language):
    home = Site.objects.get(is_default_site=True).root_page.specific
    home.title = "E-učenje"
    home.save_revision().publish()
    html = client.get(f"/{language}/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert " · " not in title


@pytest.mark.parametrize("language", ["sr-latn", "sr", "en"])
def test_language_buttons_name_each_language_in_itself(client, db, language):
    html = client.get(f"/{language}/").content.decode()
    switcher = re.search(r'<form class="language-switcher".*?</form>', html, re.S).group(0)
    buttons = re.findall(
        r'<button[^>]*value="([^"]+)" lang="([^"]+)"[^>]*>([^<]+)</button>', switcher
    )
    assert buttons == [
        ("sr-latn", "sr-Latn", "Srpski (latinica)"),
        ("sr", "sr-Cyrl", "Српски (ћирилица)"),
        ("en", "en", "English"),
    ]


# --- Partner logos ------------------------------------------------------------------------


@pytest.fixture
def logo(programme):
    image = wagtail_factories.ImageFactory(title="Vlada logo", file__width=800, file__height=400)
    partner = programme.partner_logos.get(name="Vlada Srbije")
    partner.logo = image
    partner.url = "https://www.srbija.gov.rs/"
    partner.save()
    return partner


def _partner_images(html: str) -> list[str]:
    return re.findall(r'<img[^>]*class="partner-logo"[^>]*>', html)


@pytest.mark.parametrize(
    ("language", "alt"),
    [("sr-latn", "Vlada Srbije"), ("sr", "Влада Србије"), ("en", "Government of Serbia")],
)
def test_home_page_and_footer_show_the_partner_logos_named_by_the_partner(
    client, logo, language, alt
):
    html = client.get(f"/{language}/").content.decode()
    images = _partner_images(html)
    # Once in the home page's partners section, once in the footer.
    assert len(images) == 2
    for img in images:
        assert f'alt="{alt}"' in img
        src = re.search(r'src="([^"]+)"', img).group(1)
        # A small rendition, a local file under MEDIA_URL, unsigned.
        assert src.startswith("/media/images/") and "?" not in src
        width = int(re.search(r'width="(\d+)"', img).group(1))
        height = int(re.search(r'height="(\d+)"', img).group(1))
        assert width <= 160 and height <= 64
    footer = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)
    assert '<a href="https://www.srbija.gov.rs/"><img' in footer
    section = re.search(r'<section class="home-partners".*?</section>', html, re.S).group(0)
    assert _partner_images(section)


def test_footer_shows_the_logos_on_every_page(client, logo):
    client.get("/en/search/")  # renditions made once
    html = client.get("/en/search/").content.decode()
    assert len(_partner_images(html)) == 1


@pytest.mark.django_db
def test_a_changed_partner_logo_reaches_the_cached_home_page(client, logo, committed):
    first = client.get("/sr-latn/").content.decode()
    old_src = re.search(r'src="([^"]+)"', _partner_images(first)[0]).group(1)

    with committed():
        new = wagtail_factories.ImageFactory.build(file__width=300, file__height=300)
        image = logo.logo
        image.file = new.file
        image.width, image.height = 300, 300
        image.save()
        image.renditions.all().delete()
    second = client.get("/sr-latn/").content.decode()
    new_src = re.search(r'src="([^"]+)"', _partner_images(second)[0]).group(1)
    assert new_src != old_src
    assert 'width="64"' in _partner_images(second)[0]
    assert 'height="64"' in _partner_images(second)[0]

    with committed():
        logo.name = "Vlada Republike Srbije"
        logo.save()
    third = client.get("/sr-latn/").content.decode()
    assert 'alt="Vlada Republike Srbije"' in _partner_images(third)[0]

    with committed():
        logo.logo = None
        logo.save()
    assert not _partner_images(client.get("/sr-latn/").content.decode())


# --- E-mails ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "site_name"),
    [("sr-latn", "E-učenje"), ("sr", "Е-учење"), ("en", "E-learning")],
)
def test_sign_up_email_greets_from_the_programme_in_the_recipients_language(
    client, tree, programme, language, site_name
):
    response = client.post(
        "/en/accounts/signup/",
        {
            "first_name": "Ana",
            "last_name": "Anić",
            "email": "ana@example.org",
            "institution": tree["station_bg"].pk,
            "profession": "other",
            "preferred_language": language,
            "password1": "a long and unusual passphrase",
            "password2": "a long and unusual passphrase",
        },
    )
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    text = mail.outbox[0].subject + mail.outbox[0].body
    assert site_name in text
    assert "127.0.0.1" not in text and "testserver!" not in text


@pytest.mark.parametrize(
    ("language", "site_name"),
    [("sr-latn", "E-učenje"), ("sr", "Е-учење"), ("en", "E-learning")],
)
def test_invitation_names_the_programme_in_the_recipients_language(
    tree, programme, language, site_name
):
    from accounts.factories import UserFactory
    from accounts.services import invitation_send

    user = UserFactory(institution=tree["nis"], preferred_language=language)
    invitation_send(user=user, base_url="https://elearning.example.org")
    assert site_name in mail.outbox[0].subject
    assert site_name in mail.outbox[0].body
    assert "Anti-trafficking e-learning" not in mail.outbox[0].body


@pytest.mark.parametrize(
    ("language", "name", "partner"),
    [
        ("sr-latn", "Zajednički program protiv trgovine ljudima", "Vlada Srbije"),
        ("sr", "Заједнички програм против трговине људима", "Влада Србије"),
        ("en", "Joint programme against trafficking", "Government of Serbia"),
    ],
)
def test_certificate_design_names_the_programme_in_the_certificates_language(
    logo, language, name, partner
):
    from certificates.rendering import design_load

    design = design_load(language=language)
    assert design.programme_name == name
    # Every partner, in the programme's order: the one with a logo drawn from its image,
    # the others by name (certificates/rendering.py).
    named = {entry["name"]: entry["src"] for entry in design.logos}
    assert named[partner] and "IOM" in named and not named["IOM"]


@pytest.mark.django_db
def test_a_new_site_speaks_serbian_in_its_serbian_fields(client):
    """Before anyone fills the settings in, the Serbian fields hold Serbian: a Cyrillic
    page shows it in Cyrillic, not English spelled letter by letter."""
    html = client.get("/sr/").content.decode()
    assert "Е-учење: борба против трговине људима" in html
    assert "Заједнички програм IOM, UNHCR и UNODC са Владом Републике Србије." in html
    assert "траффицкинг" not in html and "леарнинг" not in html
    assert "Anti-trafficking e-learning" in client.get("/en/").content.decode()


@pytest.mark.django_db
def test_settings_left_at_the_old_english_defaults_get_the_serbian_ones():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("home.migrations.0004_programme_settings_serbian_defaults")
    site = Site.objects.get(is_default_site=True)
    settings = ProgrammeSettings.for_site(site)
    ProgrammeSettings.objects.filter(pk=settings.pk).update(
        **{**migration.OLD_DEFAULTS, "programme_name": "Naš program"}
    )
    migration.serbian_where_english_defaults_stand(apps, None)
    settings.refresh_from_db()
    assert settings.short_name == migration.NEW_DEFAULTS["short_name"]
    assert settings.footer_text == migration.NEW_DEFAULTS["footer_text"]
    assert settings.programme_name == "Naš program"  # edited by someone: left alone
