"""Every page type, at 1280 and 375 px, in each script (sr-latn, sr, en): a screenshot of each,
and a failure on what a person would notice at first sight.

- sideways scrolling on a phone (375 px);
- form controls that cover one another (the statistics filters);
- a case-law library whose first result is below the first screen on a desktop;
- a WCAG 2.1 A/AA violation found by axe-core (npm, tests/browser/package.json), evaluated
  in the page through the DevTools protocol, so the page keeps its own Content Security
  Policy (a <script> tag would be refused by it);
- an English interface string on a Serbian page: visible text equal to a msgid of our
  catalogue or of a third-party one whose Serbian translation differs.

The screenshots go to bench/out/screens/ (SCREENS_DIR overrides; never committed). One seeded
database and one live server serve the whole module: the data is made once, committed, and
removed when the module ends.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENS_DIR = Path(os.environ.get("SCREENS_DIR") or ROOT / "bench" / "out" / "screens")
LANGUAGES = ("sr-latn", "sr", "en")
WIDTHS = (1280, 375)
HEIGHT = 800
PASSWORD = "correct horse battery staple"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Each test runs in a transaction of its own (`db`), rolled back at its end, on top of the
# module's committed data; serialized_rollback keeps a copy of what the migrations made, which
# is put back when the module empties the database.
pytestmark = [
    pytest.mark.django_db(serialized_rollback=True),
    # What the screens show does not depend on the database, and the module's own emptying
    # and restoring collides on PostgreSQL with content types made again meanwhile: the
    # suite runs it on SQLite (make test), once.
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="screens are checked on SQLite (make test); see the comment above",
    ),
]

# Page type → (who is signed in, how its address is found in the seeded data).
PAGE_TYPES = {
    "home": "anonymous",
    "course-index": "anonymous",
    "course": "learner",
    "lesson": "learner",
    "quiz-start": "learner",
    "caselaw-library": "anonymous",
    "case": "anonymous",
    "sign-in": "anonymous",
    "sign-up": "anonymous",
    "my-learning": "learner",
    "verify": "anonymous",
    "statistics": "analyst",
    "components": "trainer",
}


# --- The seeded site ------------------------------------------------------------------


def _publish_english(page, english):
    """The English translation of `page` (its parents copied first), published."""
    existing = page.get_translation_or_none(english)
    if existing is not None and not existing.alias_of_id:
        return existing
    if existing is not None:  # an alias made by copy_parents: make it a real translation
        existing.delete()
    translated = page.copy_for_translation(english, copy_parents=True)
    translated.title = f"{page.title} (EN)"
    translated.save_revision().publish()
    return translated.specific


def _seed() -> dict:
    from django.test import Client
    from wagtail.models import Locale

    from accounts.factories import UserFactory
    from accounts.models import Role
    from caselaw.factories import CaseIndexPageFactory, CasePageFactory
    from courses.factories import CourseIndexPageFactory, LessonPageFactory, course_with_lessons
    from courses.services import enrolment_create
    from home.models import HomePage
    from institutions.factories import InstitutionFactory
    from quizzes.factories import quiz_in_course, single_choice
    from tests.conftest import login_with_mfa

    ministry = InstitutionFactory(code="MUP", name_en="Ministry of Interior", kind="ministry")
    station = InstitutionFactory(parent=ministry, code="PS-BG-1", name_en="Station Vračar")
    ministry.refresh_from_db()
    learner = UserFactory(institution=station)
    trainer = UserFactory(institution=ministry, roles=[(Role.TRAINER, None)])
    analyst = UserFactory(institution=ministry, roles=[(Role.MINISTRY_ANALYST, ministry)])

    # Serbian titles: a Serbian page's content must not pass for English interface text.
    index = CourseIndexPageFactory(title="Kursevi", slug="kursevi")
    course = course_with_lessons(
        modules=1, lessons=2, title="Prepoznavanje žrtava trgovine ljudima"
    )
    lesson = course.get_descendants().type(LessonPageFactory._meta.model).first().specific
    quiz = quiz_in_course(
        course=course,
        questions=[single_choice(text="<p>Koji su elementi krivičnog dela?</p>")],
        title="Završni test",
    )
    enrolment_create(user=learner, course=course)
    library = CaseIndexPageFactory(title="Sudska praksa", slug="sudska-praksa")
    cases = [
        CasePageFactory(
            title=f"Presuda {n}: Chowdury i drugi protiv Grčke",
            countries=["gr"],
            forms=["forced-labour"],
            issues=["positive-obligations"],
        )
        for n in range(1, 4)
    ]

    english, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage.objects.first()
    english_pages = {
        "home": _publish_english(home, english),
        "course-index": _publish_english(index, english),
        "course": _publish_english(course, english),
        "lesson": _publish_english(lesson, english),
        "quiz-start": _publish_english(quiz, english),
        "caselaw-library": _publish_english(library, english),
        "case": _publish_english(cases[0], english),
    }
    serbian_pages = {
        "home": home,
        "course-index": index,
        "course": course,
        "lesson": lesson,
        "quiz-start": quiz,
        "caselaw-library": library,
        "case": cases[0],
    }

    urls: dict[tuple[str, str], str] = {}
    for language in LANGUAGES:
        with translation.override(language):
            pages = english_pages if language == "en" else serbian_pages
            for name, page in pages.items():
                urls[name, language] = page.get_url()
            urls["sign-in", language] = f"/{language}/accounts/login/"
            urls["sign-up", language] = f"/{language}/accounts/signup/"
            urls["my-learning", language] = f"/{language}/learning/"
            urls["verify", language] = f"/{language}/certificates/verify/"
            urls["components", language] = f"/{language}/components/"
            urls["statistics", language] = f"/admin/stats/?course={course.pk}"

    sessions = {}
    for name, user in (("learner", learner), ("trainer", trainer), ("analyst", analyst)):
        client = Client()
        if user.is_staff_role:
            login_with_mfa(client, user)
        else:
            client.force_login(user)
        sessions[name] = client.cookies["sessionid"].value
    return {"urls": urls, "sessions": sessions}


def _empty_database(config) -> None:
    """What a transactional test does when it ends: empty the database, then put back what
    the migrations made."""
    from django.core.management import call_command
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        call_command(
            "flush",
            database=connection.alias,
            interactive=False,
            verbosity=0,
            inhibit_post_migrate=True,
        )
    from tests.conftest import _restore_migrated_data

    _restore_migrated_data(config)


@pytest.fixture(scope="module")
def site(request, django_db_setup, django_db_blocker) -> Iterator[dict]:
    """The seeded data and a live server of this module's own: pytest-django's `live_server`
    would make every test transactional and empty the database after each one."""
    from django.db import connection
    from pytest_django.live_server_helper import LiveServer

    name = str(connection.settings_dict["NAME"])
    # The module commits and then empties what it writes: never outside a test database.
    assert name.startswith("test") or "memorydb" in name, f"not a test database: {name}"
    with django_db_blocker.unblock():
        try:
            data = _seed()
        except BaseException:
            _empty_database(request.config)
            raise
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield {**data, "url": server.url}
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            _empty_database(request.config)


@pytest.fixture
def screen(site, browser, django_db_blocker) -> Iterator:
    """A fresh browser context on the module's live server; the server thread may use the
    database for the length of the test."""
    with django_db_blocker.unblock():
        context = browser.new_context(
            base_url=site["url"],
            viewport={"width": 1280, "height": HEIGHT},
            locale="en-GB",
            timezone_id="Europe/Belgrade",
        )
        context.set_default_timeout(10_000)
        tab = context.new_page()
        yield tab
        context.close()


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        reason = f"{AXE} is missing: cd tests/browser && npm ci --no-audit --no-fund"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return AXE.read_text(encoding="utf-8")


# --- English left on a Serbian page -------------------------------------------------


def _po_entries(path: Path) -> Iterator[tuple[str, str]]:
    """(msgid, msgstr) of a .po file's singular entries; plural and obsolete ones skipped."""
    entry: dict[str, str] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("msgid "):
            entry, key = {}, "msgid"
        elif line.startswith("msgid_plural"):
            key = "plural"
        elif line.startswith("msgstr "):
            key = "msgstr"
        elif not line.startswith('"'):
            if entry.get("msgid") and "plural" not in entry:
                yield entry["msgid"], entry.get("msgstr", "")
            entry, key = {}, None
            continue
        if key:
            chunk = line.split(" ", 1)[1] if not line.startswith('"') else line
            entry[key] = entry.get(key, "") + json.loads(chunk)


@pytest.fixture(scope="module")
def english_interface() -> frozenset[str]:
    """Interface strings that must not appear as they are on a Serbian page: our msgids
    whose Serbian is missing or different, and third-party msgids (Django, allauth, Wagtail)
    whose Serbian differs. Strings of two letters or fewer and ones with template
    placeholders are left out."""
    ours = {
        msgid
        for msgid, msgstr in _po_entries(ROOT / "locale" / "sr_Latn" / "LC_MESSAGES" / "django.po")
        if msgstr != msgid
    }
    with translation.override("sr-latn"):
        catalogue = translation.trans_real.translation("sr-latn")._catalog
        theirs = {
            msgid
            for msgid, msgstr in catalogue.items()
            if isinstance(msgid, str) and msgstr != msgid
        }
    return frozenset(
        text
        for text in ours | theirs
        if len(text) > 2 and "%" not in text and "{" not in text and "\n" not in text
    )


# The admin's sidebar and header are Wagtail's, drawn by its script from its own JavaScript
# catalogue, which has no Serbian Latin: on the statistics page only <main> is ours to check.
VISIBLE_TEXTS = """
(rootSelector) => {
  const texts = [];
  const root = document.querySelector(rootSelector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.replace(/\\s+/g, " ").trim();
    const element = node.parentElement;
    const skip = "script, style, code, pre, [lang]:not(html)";
    if (!text || !element || element.closest(skip)) continue;
    if (!element.checkVisibility() && !element.closest(".visually-hidden")) continue;
    texts.push(text);
  }
  const named = "[aria-label], [placeholder], [title], input[type=submit][value]";
  for (const element of root.querySelectorAll(named)) {
    if (element.closest("[lang]:not(html)")) continue;
    for (const name of ["aria-label", "placeholder", "title", "value"]) {
      const value = element.getAttribute(name);
      if (value && (name !== "value" || element.type === "submit")) texts.push(value.trim());
    }
  }
  return texts;
}
"""

OVERLAPS = """
() => {
  const boxes = [...document.querySelectorAll(
    "main input:not([type=hidden]), main select, main textarea, main button, main label"
  )].filter(e => e.checkVisibility()).map(e => {
    const r = e.getBoundingClientRect();
    const name = e.tagName + (e.name ? "[" + e.name + "]" : "")
      + (e.htmlFor ? "[for=" + e.htmlFor + "]" : "");
    return {name, l: r.left, t: r.top, r: r.right, b: r.bottom, el: e};
  }).filter(b => b.r > b.l && b.b > b.t);
  const found = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
    if (a.el.tagName === "LABEL" && a.el.control === b.el) continue;
    if (b.el.tagName === "LABEL" && b.el.control === a.el) continue;
    const overlap = a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
    if (overlap) found.push(a.name + " / " + b.name);
  }
  return found;
}
"""

RUN_AXE = """
async (tags) => {
  const options = {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]};
  const result = await axe.run(document, options);
  return result.violations.map(v => v.id + " (" + v.impact + "): " + v.help + " — " +
    v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", "));
}
"""


# --- The tests ------------------------------------------------------------------------

CASES = [
    pytest.param(name, language, width, id=f"{name}-{language}-{width}")
    for name in PAGE_TYPES
    for language in LANGUAGES
    for width in WIDTHS
]


@pytest.mark.parametrize(("name", "language", "width"), CASES)
def test_page_type_reads_well(
    screen, site, axe_source, english_interface, name, language, width
) -> None:
    page = screen
    who = PAGE_TYPES[name]
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": site["url"]}]
    if who != "anonymous":
        cookies.append({"name": "sessionid", "value": site["sessions"][who], "url": site["url"]})
    page.context.add_cookies(cookies)
    page.set_viewport_size({"width": width, "height": HEIGHT})
    response = page.goto(site["urls"][name, language])
    assert response is not None and response.status == 200, (
        f"{page.url}: {response and response.status}"
    )
    assert not re.search(r"/accounts/login/", page.url) or name == "sign-in", page.url

    SCREENS_DIR.joinpath(language).mkdir(parents=True, exist_ok=True)
    shot = SCREENS_DIR / language / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)

    problems: list[str] = []
    if width < 400:
        scroll, client = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        if scroll > client:
            problems.append(f"scrolls sideways: {scroll} px of content in {client} px")
    if name == "statistics":
        problems += [f"controls overlap: {pair}" for pair in page.evaluate(OVERLAPS)]
    if name == "caselaw-library" and width >= 1280:
        top = page.evaluate(
            "(() => { const r = document.querySelector('.case-results li, [data-case-result]');"
            " return r ? r.getBoundingClientRect().top + window.scrollY : null; })()"
        )
        if top is None or top >= HEIGHT:
            problems.append(f"first case-law result at {top} px, below the first {HEIGHT} px")
    if language != "en":
        texts = page.evaluate(VISIBLE_TEXTS, "main" if name == "statistics" else "body")
        english = sorted({text for text in texts if text in english_interface})
        problems += [f"English on a Serbian page: {text!r}" for text in english]
    page.evaluate(axe_source)  # DevTools evaluation: not subject to the page's CSP
    problems += [f"axe: {line}" for line in page.evaluate(RUN_AXE, AXE_TAGS)]

    assert not problems, f"{page.url} ({shot}):\n" + "\n".join(problems)
