"""Checking every row of an import before anything is written.

Existing codes and email addresses are loaded in a few queries for the whole
file, never one query per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from institutions.api import ImportKind, Institution, InstitutionKind, Region, code_validator

from .import_files import COLUMN_DESCRIPTIONS, COLUMNS, EMPTY_ALLOWED, ImportRow
from .models import Profession, User
from .selectors import PeopleScope

NAME_MAX_LENGTH = 150
INSTITUTION_NAME_MAX_LENGTH = 255
EMAIL_MAX_LENGTH = 254


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class InstitutionRef:
    """What validation needs to know about an existing institution."""

    path: str
    is_active: bool


def import_rows_validate(
    *, kind: str, rows: Sequence[ImportRow], scope: PeopleScope
) -> list[RowError]:
    """Every problem in `rows`, in line order; an empty list means the file may be imported."""
    if kind == ImportKind.INSTITUTIONS:
        errors = _institution_errors(rows=rows, scope=scope)
    else:
        errors = _user_errors(rows=rows, scope=scope)
    errors.extend(_extra_value_errors(rows))
    return sorted(errors, key=lambda error: error.line)


def institution_refs_by_code(codes: Iterable[str]) -> dict[str, InstitutionRef]:
    """Existing institutions among `codes`, in one query."""
    codes = {code for code in codes if code}
    if not codes:
        return {}
    return {
        code: InstitutionRef(path=path, is_active=is_active)
        for code, path, is_active in Institution.objects.filter(code__in=codes).values_list(
            "code", "path", "is_active"
        )
    }


def _extra_value_errors(rows: Sequence[ImportRow]) -> list[RowError]:
    return [
        RowError(
            row.line,
            "",
            _("The row has %(count)s more value(s) than the header has columns.")
            % {"count": row.extra_values},
        )
        for row in rows
        if row.extra_values
    ]


def _required(row: ImportRow, column: str, errors: list[RowError]) -> str:
    value = row.values.get(column, "")
    if not value:
        errors.append(RowError(row.line, column, _("This value is required.")))
    return value


def _max_length(row: ImportRow, column: str, limit: int, errors: list[RowError]) -> None:
    if len(row.values.get(column, "")) > limit:
        errors.append(
            RowError(
                row.line,
                column,
                _("Use at most %(limit)s characters.") % {"limit": limit},
            )
        )


def _choice(
    row: ImportRow, column: str, allowed: Iterable[str], errors: list[RowError], *, required: bool
) -> None:
    value = row.values.get(column, "").lower()
    if not value:
        if required:
            errors.append(RowError(row.line, column, _("This value is required.")))
        return
    if value not in set(allowed):
        errors.append(
            RowError(
                row.line,
                column,
                _("“%(value)s” is not an allowed value; see the list on the upload page.")
                % {"value": row.values[column]},
            )
        )


# --- Institutions -------------------------------------------------------------


def _institution_errors(*, rows: Sequence[ImportRow], scope: PeopleScope) -> list[RowError]:
    existing = institution_refs_by_code(
        [row.values.get("code", "") for row in rows]
        + [row.values.get("parent_code", "") for row in rows]
    )
    errors: list[RowError] = []
    first_line_of_code: dict[str, int] = {}
    for row in rows:
        code = _required(row, "code", errors)
        if code:
            try:
                code_validator(code)
            except ValidationError as error:
                errors.append(RowError(row.line, "code", " ".join(error.messages)))
            if code in existing:
                errors.append(
                    RowError(
                        row.line,
                        "code",
                        _("An institution with the code “%(code)s” already exists.")
                        % {"code": code},
                    )
                )
            elif code in first_line_of_code:
                errors.append(
                    RowError(
                        row.line,
                        "code",
                        _("The code “%(code)s” is already used on line %(line)s.")
                        % {"code": code, "line": first_line_of_code[code]},
                    )
                )
            first_line_of_code.setdefault(code, row.line)
        _parent_errors(
            row=row,
            existing=existing,
            earlier_codes=first_line_of_code,
            scope=scope,
            errors=errors,
        )
        for column in ("name_sr", "name_en"):
            _required(row, column, errors)
            _max_length(row, column, INSTITUTION_NAME_MAX_LENGTH, errors)
        _choice(row, "kind", InstitutionKind.values, errors, required=True)
        _choice(row, "region", Region.values, errors, required=False)
    return errors


def _parent_errors(
    *,
    row: ImportRow,
    existing: dict[str, InstitutionRef],
    earlier_codes: dict[str, int],
    scope: PeopleScope,
    errors: list[RowError],
) -> None:
    parent_code = row.values.get("parent_code", "")
    code = row.values.get("code", "")
    if not parent_code:
        if not scope.is_everywhere:
            errors.append(
                RowError(
                    row.line,
                    "parent_code",
                    _(
                        "Only administrators may add a top-level institution; give the code "
                        "of a parent within the institutions you manage."
                    ),
                )
            )
        return
    if parent_code == code:
        errors.append(
            RowError(row.line, "parent_code", _("An institution cannot be its own parent."))
        )
        return
    if parent_code in existing:
        if not scope.covers(existing[parent_code]):
            errors.append(
                RowError(
                    row.line,
                    "parent_code",
                    _("You may only add institutions below the institutions you manage."),
                )
            )
        return
    if earlier_codes.get(parent_code, row.line) < row.line:
        return  # Added by an earlier row of this file, itself checked for scope.
    errors.append(
        RowError(
            row.line,
            "parent_code",
            _(
                "There is no institution with the code “%(code)s”, neither existing nor on an "
                "earlier line of this file."
            )
            % {"code": parent_code},
        )
    )


# --- Users --------------------------------------------------------------------


def registered_emails_within(*, emails: Iterable[str], scope: PeopleScope) -> set[str]:
    """The addresses among `emails` (lower case) that belong to someone within `scope`.

    Only these are reported as taken. An address registered outside the uploader's subtree
    is treated like a new one: the check would otherwise tell a manager who has an account
    anywhere in the country (a refusal of that row alone, worded however vaguely, would tell
    the same). The import then leaves that account alone (`users_import`).
    """
    emails = set(emails)
    if not emails:
        return set()
    return set(
        User.objects.filter(scope.path_q("institution__path"))
        .annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .values_list("lower_email", flat=True)
    ) | set(
        EmailAddress.objects.filter(scope.path_q("user__institution__path"))
        .annotate(lower_email=Lower("email"))
        .filter(lower_email__in=emails)
        .values_list("lower_email", flat=True)
    )


def _user_errors(*, rows: Sequence[ImportRow], scope: PeopleScope) -> list[RowError]:
    institutions = institution_refs_by_code(row.values.get("institution_code", "") for row in rows)
    emails = {row.values.get("email", "").lower() for row in rows} - {""}
    registered = registered_emails_within(emails=emails, scope=scope)
    languages = [code for code, _name in settings.LANGUAGES]
    errors: list[RowError] = []
    first_line_of_email: dict[str, int] = {}
    for row in rows:
        for column in ("first_name", "last_name"):
            _required(row, column, errors)
            _max_length(row, column, NAME_MAX_LENGTH, errors)
        email = _required(row, "email", errors).lower()
        if email:
            _email_errors(
                row=row,
                email=email,
                registered=registered,
                earlier=first_line_of_email,
                errors=errors,
            )
            first_line_of_email.setdefault(email, row.line)
        code = _required(row, "institution_code", errors)
        if code:
            institution = institutions.get(code)
            if institution is None:
                errors.append(
                    RowError(
                        row.line,
                        "institution_code",
                        _("There is no institution with the code “%(code)s”.") % {"code": code},
                    )
                )
            elif not scope.covers(institution):
                errors.append(
                    RowError(
                        row.line,
                        "institution_code",
                        _("You may only add people to the institutions you manage."),
                    )
                )
            elif not institution.is_active:
                errors.append(
                    RowError(
                        row.line,
                        "institution_code",
                        _("The institution “%(code)s” is no longer active.") % {"code": code},
                    )
                )
        _choice(row, "profession", Profession.values, errors, required=True)
        _choice(row, "preferred_language", languages, errors, required=False)
    return errors


def _email_errors(
    *,
    row: ImportRow,
    email: str,
    registered: set[str],
    earlier: dict[str, int],
    errors: list[RowError],
) -> None:
    try:
        validate_email(email)
    except ValidationError:
        errors.append(RowError(row.line, "email", _("Enter a valid email address.")))
        return
    if len(email) > EMAIL_MAX_LENGTH:
        errors.append(
            RowError(
                row.line,
                "email",
                _("Use at most %(limit)s characters.") % {"limit": EMAIL_MAX_LENGTH},
            )
        )
    if email in registered:
        errors.append(
            RowError(
                row.line,
                "email",
                _("Someone is already registered with the address %(email)s.") % {"email": email},
            )
        )
    elif email in earlier:
        errors.append(
            RowError(
                row.line,
                "email",
                _("The address %(email)s is already used on line %(line)s.")
                % {"email": email, "line": earlier[email]},
            )
        )


# --- Clean values for rows that passed ------------------------------------------


def institution_fields(row: ImportRow) -> dict[str, str]:
    """The model fields of a valid institution row."""
    return {
        "code": row.values["code"],
        "name_sr": row.values["name_sr"],
        "name_en": row.values["name_en"],
        "kind": row.values["kind"].lower(),
        "region": row.values.get("region", "").lower() or Region.NATIONAL,
    }


def user_fields(row: ImportRow) -> dict[str, str]:
    """The `user_create` arguments of a valid user row, without the institution."""
    return {
        "email": row.values["email"].lower(),
        "first_name": row.values["first_name"],
        "last_name": row.values["last_name"],
        "profession": row.values["profession"].lower(),
        "preferred_language": row.values.get("preferred_language", "").lower()
        or settings.LANGUAGE_CODE,
    }


def import_guide() -> dict:
    """What the upload page tells people: the columns of each kind and the allowed values."""
    return {
        "columns": {
            kind: [
                {
                    "name": name,
                    "in_header": name in required,
                    "must_fill": name in required and name not in EMPTY_ALLOWED,
                    "help": COLUMN_DESCRIPTIONS[name],
                }
                for name in required + optional
            ]
            for kind, (required, optional) in COLUMNS.items()
        },
        "institution_kinds": InstitutionKind.choices,
        "regions": Region.choices,
        "professions": Profession.choices,
        "languages": settings.LANGUAGES,
    }
