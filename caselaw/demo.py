"""Load the demo case-law library (caselaw.demo_content) and link it into the lessons.

The Serbian library sits under the Serbian home page, its English translation (same
`translation_key`) under the English one. Idempotent: cases are found by slug (Serbian)
or by translation (English); a case whose content already matches the data is left
alone, so a second run creates no revisions.

Linking: every case-law card of a live lesson that has no case page but whose citation
names a demo case's application number is pointed at that case, in the lesson's
language. The curriculum loader (courses.demo) keeps those links when it runs again.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from datetime import date
from typing import Any

from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, Site

from courses.models import LessonPage
from home.models import HomePage

from .demo_content import CASES, INDEX, hudoc
from .models import (
    Act,
    CaseIndexPage,
    CasePage,
    Country,
    Court,
    DefendantGroup,
    ExploitationForm,
    LegalIssue,
    Means,
    ProvisionApplied,
    Sector,
    VictimGroup,
)

ENGLISH = "en"
TERM_FIELDS = {
    "countries": ("countries", Country),
    "acts": ("acts", Act),
    "means": ("means", Means),
    "forms": ("exploitation_forms", ExploitationForm),
    "sectors": ("sectors", Sector),
    "issues": ("legal_issues", LegalIssue),
}


def _tidy(text: str) -> str:
    return " ".join(text.split())


def load_caselaw() -> Counter[str]:
    """Create or update the demo library and link it into lessons; returns counts."""
    counts: Counter[str] = Counter()
    with transaction.atomic():
        serbian = Locale.get_default()
        english = Locale.objects.filter(language_code=ENGLISH).first()
        home_sr = _serbian_home(serbian)
        home_en = home_sr.get_translation_or_none(english) if english else None
        index_sr, index_en = _library(home_sr, home_en, english, counts)
        by_number: dict[tuple[int, str], CasePage] = {}
        for data in CASES:
            case_sr = _sync_case(data, "sr", parent=index_sr, counts=counts)
            by_number[(serbian.pk, _first_number(data))] = case_sr
            if index_en is not None:
                case_en = _sync_case(
                    data, "en", parent=index_en, counts=counts, source=case_sr, locale=english
                )
                by_number[(english.pk, _first_number(data))] = case_en
        _link_lessons(by_number, counts)
    return counts


def _first_number(data: dict) -> str:
    return data["application_numbers"].split(",")[0].strip()


def _serbian_home(serbian: Locale) -> HomePage:
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        root = site.root_page.specific
        if isinstance(root, HomePage):
            return root if root.locale_id == serbian.pk else root.get_translation(serbian)
    home = HomePage.objects.filter(locale=serbian).order_by("path").first()
    if home is None:
        raise RuntimeError("No Serbian home page: run the migrations first.")
    return home


def _library(home_sr, home_en, english, counts):
    index_sr = CaseIndexPage.objects.child_of(home_sr).first()
    if index_sr is None:
        index_sr = CaseIndexPage(**{k: _tidy(v) for k, v in INDEX["sr"].items()})
        home_sr.add_child(instance=index_sr)
        index_sr.save_revision().publish()
        counts["created"] += 1
    if home_en is None:
        return index_sr, None
    index_en = index_sr.get_translation_or_none(english)
    if index_en is None:
        index_en = CaseIndexPage(
            **{k: _tidy(v) for k, v in INDEX["en"].items()},
            locale=english,
            translation_key=index_sr.translation_key,
        )
        home_en.add_child(instance=index_en)
        index_en.save_revision().publish()
        counts["created"] += 1
    return index_sr, index_en.specific


def _wanted(data: dict, language: str) -> dict[str, Any]:
    text = data[language]
    number = _first_number(data)
    return {
        "title": text["title"],
        "slug": text["slug"],
        "court_id": Court.objects.get(name=data["court"]).pk,
        "application_numbers": data["application_numbers"],
        "case_number": "",
        "ecli": data["ecli"],
        "decision_date": date.fromisoformat(data["decision_date"]),
        "language": "English",
        "official_url": hudoc(number),
        "scope": data["scope"],
        "organised_group": data["organised_group"],
        "outcome": data["outcome"],
        "key_case": data["key_case"],
        "audience_professions": list(data["audience"]),
        "holding": _tidy(text["holding"]),
        "summary": _tidy(text["summary"]),
        "significance": _tidy(text["significance"]),
    }


def _children(data: dict) -> dict[str, list[tuple]]:
    return {
        "provisions": [tuple(p) for p in data["provisions"]],
        "victim_groups": [
            (
                v["count"],
                v["sex"],
                v["age_group"],
                v["status"],
                v["nationality"],
                v.get("label", ""),
            )
            for v in data["victims"]
        ],
        "defendant_groups": [
            (d["count"], d["sex"], d["role"], d["nationality"]) for d in data["defendants"]
        ],
    }


def _current_children(page: CasePage) -> dict[str, list[tuple]]:
    return {
        "provisions": [(p.instrument, p.article, p.outcome) for p in page.provisions.all()],
        "victim_groups": [
            (v.count, v.sex, v.age_group, v.status, v.nationality, v.label)
            for v in page.victim_groups.all()
        ],
        "defendant_groups": [
            (d.count, d.sex, d.role, d.nationality) for d in page.defendant_groups.all()
        ],
    }


def _apply(page: CasePage, data: dict, language: str) -> bool:
    """Set the page's fields, terms and groups from the data; True if anything changed."""
    changed = False
    for name, value in _wanted(data, language).items():
        if getattr(page, name) != value:
            setattr(page, name, value)
            changed = True
    for key, (field, model) in TERM_FIELDS.items():
        wanted = set(data[key])
        current = {t.slug for t in getattr(page, field).all()} if page.pk else set()
        if wanted != current or not page.pk:
            getattr(page, field).set(list(model.objects.filter(slug__in=wanted)))
            changed = True
    children = _children(data)
    if not page.pk or _current_children(page) != children:
        page.provisions = [
            ProvisionApplied(instrument=i, article=a, outcome=o)
            for i, a, o in children["provisions"]
        ]
        page.victim_groups = [
            VictimGroup(count=c, sex=s, age_group=a, status=st, nationality=n, label=lbl)
            for c, s, a, st, n, lbl in children["victim_groups"]
        ]
        page.defendant_groups = [
            DefendantGroup(count=c, sex=s, role=r, nationality=n)
            for c, s, r, n in children["defendant_groups"]
        ]
        changed = True
    return changed


def _sync_case(data, language, *, parent, counts, source=None, locale=None) -> CasePage:
    if source is None:
        page = CasePage.objects.child_of(parent).filter(slug=data[language]["slug"]).first()
    else:
        found = source.get_translation_or_none(locale)
        page = found.specific if found is not None else None
    if page is None:
        extra = {"locale": locale, "translation_key": source.translation_key} if source else {}
        page = CasePage(**extra)
        _apply(page, data, language)
        parent.add_child(instance=page)
        page.save_revision().publish()
        counts["created"] += 1
        return page
    if _apply(page, data, language) or not page.live or page.has_unpublished_changes:
        page.save_revision().publish()
        counts["updated"] += 1
    else:
        counts["unchanged"] += 1
    return page


def _link_lessons(by_number: dict[tuple[int, str], CasePage], counts: Counter[str]) -> None:
    numbers = {number for _locale, number in by_number}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(numbers)))
    for lesson in LessonPage.objects.live().order_by("path"):
        stream_block = lesson._meta.get_field("body").stream_block
        # The stored JSON as it is: a round trip through the blocks would add empty
        # optional values and make the curriculum loader see a change.
        raw = copy.deepcopy(list(lesson.body.raw_data))
        changed = False
        for item in raw:
            value = item.get("value") or {}
            if item.get("type") != "case_law" or value.get("case"):
                continue
            match = pattern.search(" ".join(str(value.get("citation") or "").split()))
            case = by_number.get((lesson.locale_id, match.group(0))) if match else None
            if case is not None:
                value["case"] = case.pk
                changed = True
        if changed:
            lesson.body = StreamValue(stream_block, raw, is_lazy=True)
            lesson.save_revision().publish()
            counts["lessons linked"] += 1


def case_pages_cited_by_demo() -> dict[str, list[Page]]:
    """For tests and the report: each demo case's lessons, through the reference index."""
    from wagtail.models import ReferenceIndex

    result = {}
    for case in CasePage.objects.filter(
        application_numbers__in=[d["application_numbers"] for d in CASES]
    ):
        refs = ReferenceIndex.get_references_to(case)
        ids = [int(r.object_id) for r in refs]
        result[case.title] = list(LessonPage.objects.live().filter(pk__in=ids))
    return result
