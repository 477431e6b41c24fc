"""The browser-test harness: Playwright's Python package driving Debian's Chromium.

Every test in this folder gets the `browser` marker, runs against pytest-django's
`live_server` in this process (so `mailoutbox` sees what the server sends), and
gets a fresh browser context from the `page` fixture. Add a test by asking for
`page` (and `live_server` for its URL); sign in through the real form with `log_in`.

Chromium is never downloaded: it is Debian's package (`apt-get install chromium`).
Without it the tests are skipped, unless REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # containers and CI run as root, where the sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000
DESKTOP = {"width": 1280, "height": 800}

HERE = Path(__file__).parent


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # tryfirst: the marker must be on the items before `-m "not browser"` deselects.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item) -> Iterator:
    report = yield
    if report.when == "call" and report.failed and "page" in getattr(item, "funcargs", {}):
        _save_failure_artefacts(item, report)
    return report


def _save_failure_artefacts(item: pytest.Item, report: pytest.TestReport) -> None:
    """Keep a screenshot and the HTML of the page a test failed on, and print where."""
    page = item.funcargs["page"]
    folder = Path(tempfile.gettempdir()) / "browser-test-failures"
    folder.mkdir(exist_ok=True)
    stem = folder / re.sub(r"[^\w.-]+", "_", item.nodeid)
    try:
        page.screenshot(path=f"{stem}.png", full_page=True, timeout=5_000)
        Path(f"{stem}.html").write_text(page.content(), encoding="utf-8")
        where = f"{page.url}\nscreenshot: {stem}.png\nhtml: {stem}.html"
    except Exception as error:  # the page may have crashed with the test
        where = f"no screenshot: {error}"
    # Shown under "browser" in the failure's report.
    report.sections.append(("browser", where))


@pytest.fixture(scope="session")
def browser(django_db_setup) -> Iterator:
    if not os.access(CHROMIUM, os.X_OK):
        reason = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
        pytest.skip(reason)

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # The test database is set up by now (`django_db_setup`); note its connections.
    shared = {conn.alias: conn for conn in connections.all(initialized_only=True)}

    # Playwright's sync API keeps an asyncio event loop running in this thread for as
    # long as Playwright is started. Two things in Django react to a running loop:
    # - ORM calls raise "You cannot call this from an async context". The tests only
    #   touch the database between browser steps, never while the loop does its own
    #   work, so allow it, for Playwright's lifetime only.
    # - asgiref, which keeps Django's per-thread connections, switches this thread to
    #   a separate, context-local set: the tests would get new connection objects,
    #   without the snapshot that `serialized_rollback` restores (and, with in-memory
    #   SQLite, not the connection the live server shares). Put the existing ones back.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        for alias, conn in shared.items():
            connections[alias] = conn
        # A plain launch() gives every run a fresh temporary profile.
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser, live_server, django_db_serialized_rollback) -> Iterator:
    """A tab in a new browser context: no cookies or storage carried over from other tests.

    The live server needs a transactional database, and every transactional test ends
    by emptying it; `serialized_rollback` restores what the migrations created (the
    Wagtail site and home page) before each test.
    """
    from playwright.sync_api import expect

    context = browser.new_context(
        base_url=live_server.url, viewport=DESKTOP, locale="en-GB", timezone_id="Europe/Belgrade"
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def log_in() -> Callable[..., None]:
    """Sign in through the real login form; returns once the browser has left it."""
    from playwright.sync_api import expect

    def log_in(page, *, email: str, password: str, language: str = "en") -> None:
        page.goto(f"/{language}/accounts/login/")
        form = page.locator("main form").filter(has=page.locator("input[name=login]"))
        form.locator("input[name=login]").fill(email)
        form.locator("input[name=password]").fill(password)
        form.locator("button[type=submit]").click()
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    return log_in
