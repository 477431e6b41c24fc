"""The Django side of bench/caselaw.py (run through common.django_call; a module named
`caselaw` would be the app)."""

from __future__ import annotations

import time

LANGUAGE = "sr-latn"
# A faceted search with two filters (no words): country and form of exploitation.
SEARCH = {
    "country": "gr",
    "form": "forced-labour",
}

_OPENINGS = [
    "Podnosioci predstavke su radili",
    "Žrtva je vrbovana preko oglasa",
    "Optuženi su organizovali prevoz",
    "Policija je pronašla radnike",
    "Inspekcija rada je utvrdila",
]
_PLACES = ["na farmi", "na gradilištu", "u kafiću", "u domaćinstvu", "u fabrici", "na ulici"]
_DETAILS = [
    "bez isplaćene zarade",
    "sa oduzetim pasošima",
    "pod pretnjom nasiljem",
    "radi otplate duga",
    "uz stalni nadzor",
    "bez slobodnih dana",
]
_SEASONAL = "Sezonski radnici su živeli u kontejnerima."


def _pick(rng, values, low, high):
    return rng.sample(values, rng.randint(low, min(high, len(values))))


def seed(*, cases: int, seed_value: int = 7) -> dict:
    """`cases` published case pages under a new library, their terms and victim groups,
    and the search index. Returns the URLs and the expected counts."""
    import datetime
    import random

    from django.db import transaction
    from django.utils import timezone

    from accounts.models import Profession
    from caselaw.models import (
        Act,
        CaseIndexPage,
        CasePage,
        Country,
        Court,
        ExploitationForm,
        LegalIssue,
        Means,
        VictimGroup,
    )
    from home.models import HomePage

    rng = random.Random(seed_value)
    home = HomePage.objects.order_by("path").first()
    index = CaseIndexPage(title="Sudska praksa", slug="sudska-praksa")
    home.add_child(instance=index)
    index.save_revision().publish()

    courts = list(Court.objects.all())
    vocab = {
        "countries": list(Country.objects.all()),
        "acts": list(Act.objects.all()),
        "means": list(Means.objects.all()),
        "exploitation_forms": list(ExploitationForm.objects.all()),
        "legal_issues": list(LegalIssue.objects.all()),
    }
    outcomes = ["violation", "no_violation", "conviction", "acquittal", "partial"]
    now = timezone.now()
    started = time.monotonic()
    pages = []
    with transaction.atomic():
        for n in range(cases):
            summary = " ".join(
                [
                    rng.choice(_OPENINGS),
                    rng.choice(_PLACES),
                    rng.choice(_DETAILS) + ".",
                    _SEASONAL if rng.random() < 0.25 else "",
                ]
            )
            page = CasePage(
                title=f"{chr(65 + n % 26)}.{chr(65 + n // 26 % 26)}. protiv države {n}",
                slug=f"predmet-{n}",
                court=rng.choice(courts),
                application_numbers=f"{10000 + n}/{rng.randint(0, 24):02d}",
                decision_date=datetime.date(rng.randint(1995, 2024), rng.randint(1, 12), 1),
                outcome=rng.choice(outcomes),
                key_case=rng.random() < 0.1,
                audience_professions=_pick(rng, Profession.values, 0, 3),
                holding=f"Država nije ispunila obaveze ({n}).",
                summary=f"<p>{summary}</p>",
                live=True,
                first_published_at=now,
                last_published_at=now,
                # Placed directly under the library: treebeard's add_child looks up the
                # last child on every insert, which grows with the number of cases.
                path=CasePage._get_path(index.path, index.depth + 1, n + 1),
                depth=index.depth + 1,
                numchild=0,
                locale_id=index.locale_id,
                draft_title=f"{chr(65 + n % 26)}.{chr(65 + n // 26 % 26)}. protiv države {n}",
            )
            page.save(clean=False)
            pages.append(page)
        index.numchild = cases
        index.save(update_fields=["numchild"])
        for name, terms in vocab.items():
            through = CasePage._meta.get_field(name).remote_field.through
            source = CasePage._meta.get_field(name).m2m_field_name()
            target = CasePage._meta.get_field(name).m2m_reverse_field_name()
            low, high = (1, 2) if name != "legal_issues" else (1, 3)
            through.objects.bulk_create(
                [
                    through(**{f"{source}_id": page.pk, f"{target}_id": term.pk})
                    for page in pages
                    for term in _pick(rng, terms, low, high)
                ],
                batch_size=2000,
            )
        VictimGroup.objects.bulk_create(
            [
                VictimGroup(
                    case_id=page.pk,
                    sort_order=k,
                    count=rng.randint(1, 40),
                    sex=rng.choice(["female", "male", "mixed"]),
                    age_group=rng.choice(["child", "adult"]),
                    status=rng.choice(["citizen", "irregular_migrant", "asylum_seeker"]),
                )
                for page in pages
                for k in range(rng.randint(1, 2))
            ],
            batch_size=2000,
        )
    created = time.monotonic() - started
    return {
        "index_id": index.pk,
        "seconds_pages": round(created, 1),
        "expected": _expected(index_id=index.pk),
        "urls": _urls(index_id=index.pk),
    }


def _urls(*, index_id: int) -> dict:
    from urllib.parse import urlencode

    from django.utils import translation

    from caselaw.models import CaseIndexPage

    index = CaseIndexPage.objects.get(pk=index_id)
    with translation.override(LANGUAGE):
        path = index.get_url()
    return {"index": path, "search": path + "?" + urlencode(SEARCH)}


def _expected(*, index_id: int) -> dict:
    """The counts each page must show (after the search index is built)."""
    from urllib.parse import urlencode

    from django.http import QueryDict

    from caselaw.models import CaseIndexPage
    from caselaw.selectors import case_search

    index = CaseIndexPage.objects.get(pk=index_id)
    return {
        "index": case_search(params=QueryDict(""), index=index).total,
        "search": case_search(params=QueryDict(urlencode(SEARCH)), index=index).total,
    }


def expected_counts(*, index_id: int) -> dict:
    return _expected(index_id=index_id)


def profile_queries(*, path: str) -> dict:
    """The queries and time of `path` (Django test client, anonymous) rendered — the
    library's version bumped first, as after an edit — and then read from the cache."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from caselaw.caching import library_version_bump

    client = Client(HTTP_HOST="127.0.0.1")  # the benchmark's ALLOWED_HOSTS
    client.get(path)  # the site's other caches warm
    library_version_bump()
    result = {}
    for name in ("rendered", "cached"):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = client.get(path).status_code
            elapsed = time.perf_counter() - started
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
        result[name] = {
            "status": status,
            "queries": len(queries.captured_queries),
            "ms": round(elapsed * 1000, 1),
            "slowest": [{"ms": float(q["time"]) * 1000, "sql": q["sql"][:300]} for q in slowest],
        }
    return result
