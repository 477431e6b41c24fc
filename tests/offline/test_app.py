"""The installable app: manifest, service worker script, offline page, icons, and the
device emptied at sign-out (Clear-Site-Data)."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image
from wagtail.models import Site

from home.models import ProgrammeSettings
from offline.installable import service_worker_script
from offline.middleware import CLEAR_SITE_DATA, LEARNER_HEADER

PASSWORD = "correct horse battery staple"


@pytest.fixture
def programme(db):
    programme = ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))
    programme.programme_name = "Zajednički program protiv trgovine ljudima"
    programme.programme_name_en = "Joint programme against trafficking"
    programme.short_name = "E-učenje"
    programme.short_name_en = "E-learning"
    programme.save()
    return programme


@pytest.mark.parametrize(
    ("language", "name", "short_name"),
    [
        ("sr-latn", "Zajednički program protiv trgovine ljudima", "E-učenje"),
        ("sr", "Заједнички програм против трговине људима", "Е-учење"),
        ("en", "Joint programme against trafficking", "E-learning"),
    ],
)
def test_manifest_names_the_programme_in_the_readers_language_and_script(
    client, programme, language, name, short_name
):
    response = client.get(f"/{language}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    assert manifest["name"] == name
    assert manifest["short_name"] == short_name
    assert manifest["lang"] == language
    assert manifest["start_url"] == f"/{language}/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#0b4f8a"
    assert manifest["background_color"]
    icons = {(icon["sizes"], icon["purpose"]): icon["src"] for icon in manifest["icons"]}
    assert icons == {
        ("192x192", "any"): "/static/img/app-192.png",
        ("512x512", "any"): "/static/img/app-512.png",
        ("512x512", "maskable"): "/static/img/app-maskable-512.png",
    }


def test_theme_colour_is_the_programmes_brand_colour():
    css = (Path(settings.BASE_DIR) / "static/css/site.css").read_text()
    assert "--brand: #0b4f8a;" in css


def test_every_page_links_the_manifest_and_the_offline_script(client, db):
    html = client.get("/sr/offline/").content.decode()
    assert '<link rel="manifest" href="/sr/manifest.webmanifest">' in html
    assert '<meta name="theme-color" content="#0b4f8a">' in html
    assert '<script src="/static/js/offline.js" defer></script>' in html


def test_service_worker_is_served_from_the_root_with_its_headers(client, db):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    script = response.content.decode()
    assert script.startswith("// The service worker")
    assert "/*OFFLINE_CONFIG*/" not in script


def test_service_worker_knows_each_languages_offline_page_and_the_app_assets(db):
    script = service_worker_script()
    line = next(x for x in script.splitlines() if x.startswith("self.OFFLINE_CONFIG = "))
    config = json.loads(line.removeprefix("self.OFFLINE_CONFIG = ").removesuffix(";"))
    assert config["offlinePages"] == {
        "sr-latn": "/sr-latn/offline/",
        "sr": "/sr/offline/",
        "en": "/en/offline/",
    }
    assert "/static/css/site.css" in config["assets"]
    assert "/static/js/offline.js" in config["assets"]
    assert len(config["version"]) == 12


def test_service_worker_never_stores_admin_api_accounts_quizzes_or_management(db):
    script = service_worker_script()
    for never in ("admin", "api", "accounts", "manage", "learning\\/quizzes", "learning\\/offline"):
        assert never in script
    assert 'request.method !== "GET"' in script


@pytest.mark.parametrize("language", ["sr-latn", "sr"])
def test_offline_page_is_in_the_readers_script(client, programme, language):
    response = client.get(f"/{language}/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    assert 'id="offline-page"' in html
    assert 'id="offline-saved"' in html
    assert programme.name_for(language) in html


@pytest.mark.usefixtures("english")
def test_offline_page_says_the_page_is_not_saved(client, db):
    html = client.get("/en/offline/").content.decode()
    assert "You are offline" in html
    assert "This page is not saved on this device" in html


def test_offline_page_is_the_same_for_everyone(client, learner):
    """The service worker fetches it without cookies; signed in, it holds no offline data."""
    client.force_login(learner)
    html = client.get("/sr-latn/offline/").content.decode()
    assert learner.email not in html


def test_sign_out_clears_the_sites_data_on_the_device(client, learner):
    client.force_login(learner)
    response = client.post("/sr-latn/accounts/logout/")
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == CLEAR_SITE_DATA == '"cache", "storage"'
    assert "_auth_user_id" not in client.session


def test_other_responses_do_not_clear_the_sites_data(client, learner):
    assert "Clear-Site-Data" not in client.get("/sr-latn/offline/")
    client.force_login(learner)
    assert "Clear-Site-Data" not in client.get("/sr-latn/accounts/logout/")  # the confirmation
    assert "Clear-Site-Data" not in client.get("/sr-latn/learning/")
    assert "Clear-Site-Data" not in client.post("/sr-latn/accounts/login/", {})
    assert "Clear-Site-Data" not in client.get("/sw.js")


def test_pages_name_their_learner_for_the_service_worker(client, learner, other_learner):
    """A saved page is refreshed only by the same learner's page (sw.js compares this header):
    never by an anonymous reader's or another learner's."""
    from courses.factories import course_with_lessons
    from courses.models import LessonPage
    from offline.sync import learner_token

    course = course_with_lessons(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).live().first()
    anonymous = client.get(course.url)
    assert anonymous.status_code == 200
    assert LEARNER_HEADER not in anonymous
    client.force_login(learner)
    for url in (lesson.url, course.url):
        mine = client.get(url)
        assert mine.status_code == 200
        assert mine[LEARNER_HEADER] == learner_token(learner)
    assert learner.email not in mine[LEARNER_HEADER] and str(learner.pk) != mine[LEARNER_HEADER]
    client.force_login(other_learner)
    assert client.get(lesson.url)[LEARNER_HEADER] == learner_token(other_learner)
    assert learner_token(other_learner) != learner_token(learner)
    client.logout()
    assert LEARNER_HEADER not in client.get(course.url)  # a session cookie, nobody signed in
    assert LEARNER_HEADER not in client.get("/sw.js")


@pytest.mark.parametrize(
    ("name", "size"),
    [("app-192.png", 192), ("app-512.png", 512), ("app-maskable-512.png", 512)],
)
def test_app_icons_exist_in_their_sizes(name, size):
    with Image.open(Path(settings.BASE_DIR) / "static/img" / name) as image:
        assert image.format == "PNG"
        assert image.size == (size, size)


def test_maskable_icon_fills_its_square_and_the_other_has_round_corners():
    folder = Path(settings.BASE_DIR) / "static/img"
    with Image.open(folder / "app-maskable-512.png") as image:
        assert image.convert("RGBA").getpixel((0, 0))[3] == 255
    with Image.open(folder / "app-512.png") as image:
        assert image.convert("RGBA").getpixel((0, 0))[3] == 0


def test_draw_app_icons_draws_the_three(tmp_path):
    from django.core.management import call_command

    call_command("draw_app_icons", folder=str(tmp_path), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "app-192.png",
        "app-512.png",
        "app-maskable-512.png",
    ]
