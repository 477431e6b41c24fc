"""The library at scale: a bounded number of queries whatever the number of cases, the
rendered results cached per filter combination and invalidated on commit, and the CSV
export rate-limited per client address and cached under the same version."""

import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from caselaw import caching
from caselaw.factories import CasePageFactory, case_index
from caselaw.models import ExploitationForm
from tests.conftest import in_serbian

pytestmark = pytest.mark.usefixtures("english")

FACETED = "?country=gr&form=forced-labour"


def _make_cases(count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        CasePageFactory(
            title=f"Generated v. Greece {n}",
            slug=f"generated-{n}",
            countries=["gr"] if n % 2 else ["gr", "at"],
            forms=["forced-labour"] if n % 3 else ["forced-labour", "servitude"],
            issues=["positive-obligations"],
            victims=[{"count": 2, "sex": "female", "age_group": "adult", "status": "citizen"}],
            key_case=n % 4 == 0,
            audience_professions=["prosecutor"],
        )


def _queries_of(client, url: str) -> int:
    """The queries of rendering `url` (not of reading a cached copy), the site's other
    caches warm."""
    client.get(url)
    caching.library_version_bump()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("query", ["", FACETED])
def test_library_takes_the_same_number_of_queries_at_5_and_40_cases(client, db, query):
    url = case_index().url + query
    _make_cases(5)
    small = _queries_of(client, url)
    _make_cases(35, start=5)
    large = _queries_of(client, url)
    assert small == large
    assert "Generated v. Greece 39" in client.get(url).content.decode()


def test_a_cached_library_page_takes_fewer_queries_than_a_rendered_one(client, library):
    url = library["index"].url + FACETED
    rendered = _queries_of(client, url)
    with CaptureQueriesContext(connection) as cached:
        body = client.get(url).content.decode()
    assert len(cached.captured_queries) < rendered
    assert "Chowdury" in body


def _publish_and_commit(page, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()


def test_a_newly_published_case_shows_at_once(client, library, django_capture_on_commit_callbacks):
    url = library["index"].url
    assert "Fresh v. Serbia" not in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        CasePageFactory(title="Fresh v. Serbia", countries=["rs"])
    assert "Fresh v. Serbia" in client.get(url).content.decode()


def test_an_unpublished_case_disappears_at_once(
    client, library, django_capture_on_commit_callbacks
):
    url = library["index"].url + "?country=gr"
    assert "Chowdury" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        library["greek_farm"].unpublish()
    assert "Chowdury" not in client.get(url).content.decode()


def test_an_edited_title_shows_at_once(client, library, django_capture_on_commit_callbacks):
    url = library["index"].url
    assert "Siliadin v. France" in client.get(url).content.decode()
    france = library["france"]
    france.title = "Siliadin c. France"
    _publish_and_commit(france, django_capture_on_commit_callbacks)
    body = client.get(url).content.decode()
    assert "Siliadin c. France" in body
    assert "Siliadin v. France" not in body


def test_a_renamed_term_shows_at_once(client, library, django_capture_on_commit_callbacks):
    url = library["index"].url  # a Serbian page: terms by their Serbian name
    term = ExploitationForm.objects.get(slug="forced-labour")
    assert term.name in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        term.name = "Obavezni rad"
        term.save()
    assert "Obavezni rad" in client.get(url).content.decode()


def test_a_deleted_case_disappears_at_once(client, library, django_capture_on_commit_callbacks):
    url = library["index"].url
    assert "Siliadin" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        library["france"].delete()
    assert "Siliadin" not in client.get(url).content.decode()


def test_many_saves_in_one_transaction_bump_the_version_once(
    library, django_capture_on_commit_callbacks
):
    before = caching.library_version()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for n in range(5):
            CasePageFactory(title=f"Imported {n}", countries=["rs"])
        library["france"].save_revision().publish()
    assert len(callbacks) > 1  # one per change…
    assert caching.library_version() == before + 1  # …and the counter moved once


def test_a_rolled_back_transaction_does_not_stop_later_bumps(
    library, django_capture_on_commit_callbacks
):
    before = caching.library_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        CasePageFactory(title="Rolled back", countries=["rs"])
        raise RuntimeError
    with django_capture_on_commit_callbacks(execute=True):
        CasePageFactory(title="Kept", countries=["rs"])
    assert caching.library_version() == before + 1


def test_signed_in_readers_and_staff_see_the_same_results(client, library, learner, administrator):
    url = library["index"].url + "?country=gr"
    anonymous = client.get(url).content.decode()
    for user in (learner, administrator):
        client.force_login(user)
        body = client.get(url).content.decode()
        assert "Chowdury" in body
        assert "Unpublished draft" not in body
        client.logout()
    assert "Chowdury" in anonymous


def test_a_malformed_filter_keeps_its_message_and_is_not_cached(client, library):
    index = library["index"]
    query = "year_from=abc&country=gr"
    for _ in range(2):
        body = client.get(f"{index.url}?{query}").content.decode()
        assert (
            in_serbian("Some filters in the address were not understood and are ignored:") in body
        )
        assert "Chowdury" in body
    key = caching.library_fragment_key(
        index_id=index.pk,
        language="sr-latn",
        host="testserver",
        params=caching.library_params(QueryDict(query)),
    )
    assert cache.get(key) is None
    # The same key scheme does hold a valid address's copy.
    client.get(f"{index.url}?country=gr")
    valid = caching.library_params(QueryDict("country=gr"))
    assert (
        cache.get(
            caching.library_fragment_key(
                index_id=index.pk, language="sr-latn", host="testserver", params=valid
            )
        )
        is not None
    )


def test_unknown_parameters_do_not_make_new_cache_entries(client, library):
    from django.core.cache import cache

    index_url = library["index"].url
    plain = client.get(index_url + "?country=gr").content.decode()
    with CaptureQueriesContext(connection) as cached:
        client.get(index_url + "?country=gr")
    assert len(cached.captured_queries) == 0  # the whole page, from pagecache
    entries = set(cache._cache)  # locmem: the keys themselves
    for n in range(3):
        body = client.get(index_url + f"?utm_source=mail-{n}&country=gr").content.decode()
        assert 'name="utm_source"' not in body  # not carried into the search form
        assert body.count('class="case-') == plain.count('class="case-')
    assert set(cache._cache) == entries


# --- CSV export ------------------------------------------------------------------------


def test_csv_export_is_rate_limited_per_address(client, library, settings, monkeypatch):
    # The limit counts in fixed one-minute windows: the clock stands still, so that the
    # requests cannot straddle two windows on a slow machine.
    import django_ratelimit.core

    now = time.time()
    monkeypatch.setattr(django_ratelimit.core.time, "time", lambda: now)
    url = reverse("caselaw:export_csv") + "?country=gr"
    for _ in range(caching.CSV_EXPORTS_PER_WINDOW):
        assert client.get(url, REMOTE_ADDR="10.0.0.1").status_code == 200
    refused = client.get(url, REMOTE_ADDR="10.0.0.1")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "per minute" in refused.content.decode()
    assert client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_csv_export_is_cached_and_follows_changes(
    client, library, django_capture_on_commit_callbacks
):
    url = reverse("caselaw:export_csv") + "?country=gr"
    first = client.get(url).content.decode("utf-8-sig")
    with CaptureQueriesContext(connection) as queries:
        second = client.get(url).content.decode("utf-8-sig")
    assert first == second
    assert len(queries.captured_queries) <= 1  # at most the session/user lookup
    farm = library["greek_farm"]
    farm.title = "Chowdury and Others v. Hellenic Republic"
    _publish_and_commit(farm, django_capture_on_commit_callbacks)
    assert "Hellenic Republic" in client.get(url).content.decode("utf-8-sig")


def test_a_case_made_private_disappears_at_once(
    client, library, django_capture_on_commit_callbacks
):
    from wagtail.models import PageViewRestriction

    url = library["index"].url
    assert "Siliadin" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=library["france"], restriction_type=PageViewRestriction.LOGIN
        )
    assert "Siliadin" not in client.get(url).content.decode()


def test_a_published_import_bumps_the_version_once_and_shows_at_once(
    client, library, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    from caselaw.services import cases_import

    editor = get_user_model().objects.create_superuser(email="bulk@example.org", password="x")
    rows = [
        {
            "title": f"Imported {n} v. Serbia",
            "court": "ECtHR",
            "countries": "rs",
            "decision_date": "2020-01-01",
            "forms": "forced-labour",
            "outcome": "violation",
            "holding": "The State did not investigate.",
            "summary": "The applicant worked without pay.",
        }
        for n in range(12)
    ]
    url = library["index"].url + "?country=rs"
    client.get(url)
    before = caching.library_version()
    with django_capture_on_commit_callbacks(execute=True):
        result = cases_import(rows=rows, index=library["index"], user=editor, publish=True)
    assert result.ok
    assert caching.library_version() == before + 1
    assert "Imported 11 v. Serbia" in client.get(url).content.decode()


def test_a_csv_export_with_a_malformed_filter_is_not_cached(client, library):
    url = reverse("caselaw:export_csv") + "?country=gr&year_from=abc"
    assert "Chowdury" in client.get(url).content.decode("utf-8-sig")
    key = caching.csv_export_key(
        index_id=None,
        language="en",
        params=caching.library_params(QueryDict("country=gr&year_from=abc")),
    )
    assert cache.get(key) is None


def test_a_draft_saved_on_a_live_case_keeps_the_cache(
    client, library, django_capture_on_commit_callbacks
):
    france = library["france"]
    france.title = "Siliadin (draft retitle)"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        france.save_revision()
    assert not [c for c in callbacks if getattr(c, "caselaw_version_bump", False)]
    assert "Siliadin (draft retitle)" not in client.get(library["index"].url).content.decode()
