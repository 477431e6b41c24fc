"""Writes of the case-law library: importing cases from CSV or JSON.

Every row is checked before anything is written; one bad row and nothing is imported,
with a message per row. The CSV has the columns of the CSV export (caselaw.exports:
lists separated by ";"); the JSON is a list of objects shaped like the JSON export of a
case (lists as lists, and optional "provisions", "victims" and "defendants").
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.api import Profession

from .anonymity import case_anonymity_warnings
from .exports import LIST_SEPARATOR
from .models import (
    Act,
    AgeGroup,
    CaseIndexPage,
    CasePage,
    Country,
    Court,
    DefendantGroup,
    DefendantRole,
    ExploitationForm,
    LegalIssue,
    Means,
    Outcome,
    ProvisionApplied,
    Scope,
    Sector,
    Sex,
    VictimGroup,
    VictimStatus,
    ecli_validator,
)

MAX_IMPORT_BYTES = 5 * 1024 * 1024
MAX_IMPORT_ROWS = 2000

# import key → (CasePage M2M field, vocabulary)
TERM_COLUMNS = {
    "countries": ("countries", Country),
    "acts": ("acts", Act),
    "means": ("means", Means),
    "forms": ("exploitation_forms", ExploitationForm),
    "sectors": ("sectors", Sector),
    "legal_issues": ("legal_issues", LegalIssue),
}
TRUE_WORDS = {"1", "yes", "true", "da", "y"}
FALSE_WORDS = {"", "0", "no", "false", "ne", "n"}


class CaseImportError(Exception):
    """The file as a whole cannot be read (not CSV/JSON, too big, no rows)."""


@dataclass
class RowProblem:
    row: int
    messages: list[str]


@dataclass
class ImportResult:
    created: list[CasePage] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class CaseRowForm(forms.Form):
    """The scalar fields of one row."""

    title = forms.CharField(max_length=255)
    court = forms.CharField(max_length=200)
    case_number = forms.CharField(max_length=120, required=False)
    application_numbers = forms.CharField(max_length=200, required=False)
    ecli = forms.CharField(max_length=80, required=False, validators=[ecli_validator])
    decision_date = forms.DateField(input_formats=["%Y-%m-%d"])
    date_final = forms.DateField(input_formats=["%Y-%m-%d"], required=False)
    language = forms.CharField(max_length=40, required=False)
    official_url = forms.URLField(max_length=500, required=False, assume_scheme="https")
    scope = forms.ChoiceField(choices=Scope.choices, required=False)
    outcome = forms.ChoiceField(choices=Outcome.choices)
    holding = forms.CharField(max_length=300)
    summary = forms.CharField()
    significance = forms.CharField(required=False)
    verdict = forms.CharField(required=False)
    sentences = forms.CharField(required=False)
    confiscation = forms.CharField(required=False)
    compensation = forms.CharField(required=False)

    def clean_court(self):
        name = self.cleaned_data["court"].strip()
        court = (
            Court.objects.filter(name__iexact=name).first()
            or Court.objects.filter(short_name__iexact=name).first()
        )
        if court is None:
            raise ValidationError(
                _("Unknown court “%(name)s”: add it as a snippet first."), params={"name": name}
            )
        return court


def read_rows(*, name: str, content: bytes) -> list[dict]:
    """The rows of an uploaded file, as dictionaries."""
    if len(content) > MAX_IMPORT_BYTES:
        raise CaseImportError(gettext("The file is larger than 5 MB."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise CaseImportError(gettext("The file is not UTF-8 text.")) from error
    if name.lower().endswith(".json"):
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as error:
            raise CaseImportError(gettext("The file is not valid JSON: %s") % error) from error
        if isinstance(rows, dict):
            rows = [rows]
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise CaseImportError(gettext("The JSON must be a list of cases (objects)."))
    elif name.lower().endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        raise CaseImportError(gettext("Upload a .csv or a .json file."))
    if not rows:
        raise CaseImportError(gettext("The file has no cases."))
    if len(rows) > MAX_IMPORT_ROWS:
        raise CaseImportError(gettext("At most %d cases per file.") % MAX_IMPORT_ROWS)
    return rows


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).split(LIST_SEPARATOR) if v.strip()]


def _as_bool(value, *, field_name: str, messages: list[str]) -> bool | None:
    if isinstance(value, bool) or value is None:
        return value
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    messages.append(
        gettext("%(field)s: “%(value)s” is not yes or no.") % {"field": field_name, "value": value}
    )
    return None


def _as_text(value) -> str:
    return "" if value is None else str(value).strip()


def _rich(text: str) -> str:
    """Plain text becomes paragraphs; text that is already HTML is kept."""
    if text.lstrip().startswith("<"):
        return text
    return "".join(f"<p>{escape(part.strip())}</p>" for part in text.split("\n\n") if part.strip())


def _groups(row: dict, key: str, build, messages: list[str]) -> list:
    items = row.get(key) or []
    if not isinstance(items, list):
        messages.append(gettext("%(field)s: expected a list.") % {"field": key})
        return []
    built = []
    for number, item in enumerate(items, start=1):
        try:
            obj = build(item)
            obj.full_clean(exclude=["case", "sort_order"])
            built.append(obj)
        except (ValidationError, TypeError, ValueError, AttributeError) as error:
            detail = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            messages.append(f"{key} {number}: {detail}")
    return built


def _build_case(row: dict, *, vocabularies, slugs_taken: set[str], eclis_taken: set[str]):
    """An unsaved CasePage (with terms and groups) from one row, or the row's messages."""
    messages: list[str] = []
    scalars = {name: _as_text(row.get(name)) for name in CaseRowForm.base_fields}
    form = CaseRowForm(scalars)
    if not form.is_valid():
        for name, errors in form.errors.items():
            messages.append(f"{name}: {' '.join(errors)}")
    data = form.cleaned_data if form.is_valid() else {}

    terms = {}
    for key, (_field, _model) in TERM_COLUMNS.items():
        wanted = _as_list(row.get(key))
        known = vocabularies[key]
        unknown = [slug for slug in wanted if slug not in known]
        if unknown:
            messages.append(
                gettext("%(field)s: unknown value(s) %(values)s.")
                % {"field": key, "values": ", ".join(f"“{v}”" for v in unknown)}
            )
        terms[key] = [known[slug] for slug in wanted if slug in known]
    if not terms["countries"] and "countries" not in " ".join(messages):
        messages.append(gettext("countries: at least one country is required."))
    audience = _as_list(row.get("audience_professions"))
    bad_audience = [p for p in audience if p not in Profession.values]
    if bad_audience:
        messages.append(
            gettext("audience_professions: unknown value(s) %s.") % ", ".join(bad_audience)
        )
    key_case = _as_bool(row.get("key_case"), field_name="key_case", messages=messages)
    organised = _as_bool(
        row.get("organised_group"), field_name="organised_group", messages=messages
    )
    if row.get("organised_group") in ("", None):
        organised = None

    provisions = _groups(
        row,
        "provisions",
        lambda p: ProvisionApplied(
            instrument=_as_text(p["instrument"]),
            article=_as_text(p["article"]),
            outcome=_as_text(p.get("outcome")),
        ),
        messages,
    )
    victims = _groups(
        row,
        "victims",
        lambda v: VictimGroup(
            count=v.get("count"),
            sex=v.get("sex") or Sex.UNKNOWN,
            age_group=v.get("age_group") or AgeGroup.ADULT,
            status=v.get("status") or VictimStatus.UNKNOWN,
            nationality=_as_text(v.get("nationality")),
            label=_as_text(v.get("label")),
        ),
        messages,
    )
    defendants = _groups(
        row,
        "defendants",
        lambda d: DefendantGroup(
            count=d.get("count"),
            sex=d.get("sex") or Sex.UNKNOWN,
            nationality=_as_text(d.get("nationality")),
            role=d.get("role") or DefendantRole.OTHER,
        ),
        messages,
    )

    if not data:
        return None, messages
    slug = slugify(_as_text(row.get("slug")) or data["title"])[:200] or "case"
    if slug in slugs_taken:
        messages.append(
            gettext("A case with the address “%s” exists already (or twice in this file).") % slug
        )
    if data["ecli"] and data["ecli"] in eclis_taken:
        messages.append(
            gettext("ECLI %s is already in the library (or twice in this file).") % data["ecli"]
        )
    if data.get("date_final") and data["date_final"] < data["decision_date"]:
        messages.append(gettext("date_final: before the decision date."))
    if data["decision_date"] > date.today():
        messages.append(gettext("decision_date: in the future."))
    if messages:
        return None, messages
    slugs_taken.add(slug)
    if data["ecli"]:
        eclis_taken.add(data["ecli"])
    case = CasePage(
        title=data["title"],
        slug=slug,
        court=data["court"],
        case_number=data["case_number"],
        application_numbers=data["application_numbers"],
        ecli=data["ecli"],
        decision_date=data["decision_date"],
        date_final=data["date_final"],
        language=data["language"] or "English",
        official_url=data["official_url"],
        scope=data["scope"] or Scope.UNKNOWN,
        organised_group=organised,
        outcome=data["outcome"],
        verdict=data["verdict"],
        sentences=data["sentences"],
        confiscation=data["confiscation"],
        compensation=data["compensation"],
        holding=data["holding"],
        summary=_rich(data["summary"]),
        significance=_rich(data["significance"]),
        key_case=bool(key_case),
        audience_professions=audience,
    )
    for key, (field_name, _model) in TERM_COLUMNS.items():
        getattr(case, field_name).set(terms[key])
    case.provisions = provisions
    case.victim_groups = victims
    case.defendant_groups = defendants
    return case, []


def cases_import(
    *, rows: list[dict], index: CaseIndexPage, user, publish: bool = False
) -> ImportResult:
    """Check every row, then create all cases under `index` (drafts unless `publish`),
    or none of them. The user must be allowed to add pages under the index."""
    permissions = index.permissions_for_user(user)
    if not permissions.can_add_subpage() or (publish and not permissions.can_publish_subpage()):
        raise PermissionDenied
    vocabularies = {
        key: {term.slug: term for term in model.objects.all()}
        for key, (_f, model) in TERM_COLUMNS.items()
    }
    slugs_taken = set(index.get_children().values_list("slug", flat=True))
    eclis_taken = set(CasePage.objects.exclude(ecli="").values_list("ecli", flat=True))
    result = ImportResult()
    built = []
    for number, row in enumerate(rows, start=1):
        case, messages = _build_case(
            row, vocabularies=vocabularies, slugs_taken=slugs_taken, eclis_taken=eclis_taken
        )
        if messages:
            result.problems.append(RowProblem(row=number, messages=messages))
        else:
            built.append((number, case))
    if result.problems:
        return result
    with transaction.atomic():
        for number, case in built:
            case.owner = user
            case.live = False
            index.add_child(instance=case)
            revision = case.save_revision(user=user, log_action=True)
            if publish:
                revision.publish(user=user)
            result.created.append(case)
            warnings = case_anonymity_warnings(case)
            if warnings:
                result.warnings.append(RowProblem(row=number, messages=warnings))
    return result
