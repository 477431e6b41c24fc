"""Load the demo case-law library (`demo_content/`: `index.yaml` with the library page and
the judgments in order, one file per judgment) and link it into the lessons.

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
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.blocks import StreamValue
from wagtail.models import Locale, Page, ReferenceIndex

from config.api import DemoContentError, DemoFile, demo_file_read, demo_folder
from courses.api import LessonPage
from home.api import home_page_in

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

DEMO_AFTER = ("courses",)
FOLDER = demo_folder(__file__)
ENGLISH = "en"
LANGUAGES = ("sr", "en")
TERM_FIELDS = {
    "countries": ("countries", Country),
    "acts": ("acts", Act),
    "means": ("means", Means),
    "forms": ("exploitation_forms", ExploitationForm),
    "sectors": ("sectors", Sector),
    "issues": ("legal_issues", LegalIssue),
}


def hudoc(application_number: str) -> str:
    """HUDOC's search for an application number (a stable link to the judgment)."""
    return "https://hudoc.echr.coe.int/eng#%7B%22appno%22:%5B%22" + application_number + "%22%5D%7D"


# --- Reading the files ------------------------------------------------------------------

CASE_FIELDS = (
    "court", "countries", "application_numbers", "ecli", "decision_date", "acts", "means",
    "forms", "sectors", "issues", "scope", "organised_group", "outcome", "key_case",
    "audience", "provisions", "victims", "defendants", *LANGUAGES,
)  # fmt: skip
VICTIM_FIELDS = ("count", "sex", "age_group", "status", "nationality")
DEFENDANT_FIELDS = ("count", "sex", "role", "nationality")


def demo_library(folder: Path | None = None) -> tuple[dict[str, dict], list[dict]]:
    """(the library page's fields by language, the cases), read and checked."""
    folder = FOLDER if folder is None else folder
    file = demo_file_read(folder / "index.yaml")
    data = file.check(file.data, "", required=(*LANGUAGES, "cases"))
    index = {}
    for lang in LANGUAGES:
        text = file.check(data[lang], lang, required=("slug", "title", "intro"))
        index[lang] = {
            "slug": file.text(text["slug"], f"{lang}.slug"),
            "title": file.text(text["title"], f"{lang}.title"),
            "intro": file.rich_text(text["intro"], f"{lang}.intro"),
        }
    cases = [
        _case(demo_file_read(folder / f"{file.text(name, f'cases[{i}]')}.yaml"))
        for i, name in enumerate(file.items(data["cases"], "cases"))
    ]
    return index, cases


def _case(file: DemoFile) -> dict:
    data = file.check(file.data, "", required=CASE_FIELDS)
    case = {key: data[key] for key in CASE_FIELDS if key not in LANGUAGES}
    case["file"] = file
    for key in ("court", "application_numbers", "ecli", "scope", "outcome"):
        case[key] = file.text(data[key], key)
    try:
        case["decision_date"] = date.fromisoformat(str(data["decision_date"]))
    except ValueError as error:
        raise file.error("decision_date", "expected a date, YYYY-MM-DD") from error
    for key in (*TERM_FIELDS, "audience"):
        case[key] = [file.text(v, key) for v in file.items(data[key], key)]
    case["provisions"] = [
        tuple(
            file.text(p[k], f"provisions[{i}].{k}")
            for k in file.check(
                p, f"provisions[{i}]", required=("instrument", "article", "outcome")
            )
        )
        for i, p in enumerate(file.items(data["provisions"], "provisions"))
    ]
    for key, fields in (("victims", VICTIM_FIELDS), ("defendants", DEFENDANT_FIELDS)):
        for i, row in enumerate(file.items(data[key], key)):
            file.check(row, f"{key}[{i}]", required=fields, optional=("label",))
    for lang in LANGUAGES:
        text = file.check(
            data[lang], lang, required=("slug", "title", "holding", "summary", "significance")
        )
        case[lang] = {
            **{k: file.text(text[k], f"{lang}.{k}") for k in ("slug", "title", "holding")},
            **{k: file.rich_text(text[k], f"{lang}.{k}") for k in ("summary", "significance")},
        }
    return case


def _check_references(cases: list[dict]) -> None:
    """Every court and vocabulary value a case names exists."""
    courts = set(Court.objects.values_list("name", flat=True))
    for case in cases:
        file = case["file"]
        if case["court"] not in courts:
            raise file.error("court", f"no court named {case['court']!r}")
        for key, (_field, model) in TERM_FIELDS.items():
            known = set(model.objects.values_list("slug", flat=True))
            unknown = [slug for slug in case[key] if slug not in known]
            if unknown:
                raise file.error(key, f"unknown value(s): {', '.join(unknown)}")


# --- Loading --------------------------------------------------------------------------


def load(report) -> None:
    """The demo case-law library (eight ECtHR judgments), linked into the lessons."""
    counts = load_caselaw()
    report.notes.append(
        f"Case law: {counts['created']} pages created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged, {counts['lessons linked']} lessons linked."
    )


def load_caselaw(folder: Path | None = None) -> Counter[str]:
    """Create or update the demo library and link it into lessons; returns counts."""
    folder = FOLDER if folder is None else folder
    index, cases = demo_library(folder)
    counts: Counter[str] = Counter()
    with transaction.atomic():
        _check_references(cases)
        serbian = Locale.get_default()
        english = Locale.objects.filter(language_code=ENGLISH).first()
        home_sr = home_page_in(serbian)
        home_en = home_sr.get_translation_or_none(english) if english else None
        index_sr, index_en = _library(index, home_sr, home_en, english, counts)
        by_number: dict[tuple[int, str], CasePage] = {}
        for data in cases:
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


def _library(index, home_sr, home_en, english, counts):
    index_sr = CaseIndexPage.objects.child_of(home_sr).first()
    if index_sr is None:
        index_sr = CaseIndexPage(**index["sr"])
        home_sr.add_child(instance=index_sr)
        index_sr.save_revision().publish()
        counts["created"] += 1
    if home_en is None:
        return index_sr, None
    index_en = index_sr.get_translation_or_none(english)
    if index_en is None:
        index_en = CaseIndexPage(
            **index["en"],
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
        "decision_date": data["decision_date"],
        "language": "English",
        "official_url": hudoc(number),
        "scope": data["scope"],
        "organised_group": data["organised_group"],
        "outcome": data["outcome"],
        "key_case": data["key_case"],
        "audience_professions": list(data["audience"]),
        "holding": text["holding"],
        "summary": text["summary"],
        "significance": text["significance"],
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
    try:
        return _case_upsert(
            data, language, parent=parent, counts=counts, source=source, locale=locale
        )
    except ValidationError as error:
        raise DemoContentError(data["file"].path, language, f"refused: {error}") from error


def _case_upsert(data, language, *, parent, counts, source, locale) -> CasePage:
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
    result = {}
    for case in CasePage.objects.filter(
        application_numbers__in=[d["application_numbers"] for d in demo_library()[1]]
    ):
        refs = ReferenceIndex.get_references_to(case)
        ids = [int(r.object_id) for r in refs]
        result[case.title] = list(LessonPage.objects.live().filter(pk__in=ids))
    return result
