"""The demo accounts (`demo_content/accounts.yaml`), one per role and a few learners, for
`manage.py load_demo`; `manage.py demo_accounts` prints them again.

An account that already exists is left as it is, apart from its role.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils import translation

from config.api import DemoContentError, demo_file_read, demo_folder
from institutions.api import Institution

from .models import SCOPED_ROLES, Profession, Role, User
from .services import role_grant, user_create

DEMO_AFTER = ("institutions",)
FOLDER = demo_folder(__file__)

# For local demonstration only. Printed by the command; never use on a real server.
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105


@dataclass(frozen=True)
class DemoAccount:
    email: str
    first_name: str
    last_name: str
    institution: str  # an institution code
    profession: str
    preferred_language: str = "sr-latn"
    role: str | None = None
    scope: str | None = None  # the top of the subtree, for managers and analysts


@dataclass
class DemoAccountLine:
    email: str
    name: str
    what: str
    institution: str
    created: bool


def demo_accounts(folder: Path | None = None) -> list[DemoAccount]:
    """The accounts as written in the file, checked."""
    folder = FOLDER if folder is None else folder
    file = demo_file_read(folder / "accounts.yaml")
    languages = [code for code, _ in User._meta.get_field("preferred_language").choices]
    accounts = []
    for index, row in enumerate(file.items(file.data, "")):
        place = f"[{index}]"
        file.check(
            row,
            place,
            required=("email", "first_name", "last_name", "institution", "profession"),
            optional=("preferred_language", "role", "scope"),
        )
        place = f"[{index}] ({row['email']})"
        role = row.get("role")
        if role is not None:
            file.choice(role, f"{place}.role", Role.values)
            if (Role(role) in SCOPED_ROLES) != ("scope" in row):
                raise file.error(place, "a scope is given for managers and analysts, and only them")
        accounts.append(
            DemoAccount(
                email=file.text(row["email"], f"{place}.email"),
                first_name=file.text(row["first_name"], f"{place}.first_name"),
                last_name=file.text(row["last_name"], f"{place}.last_name"),
                institution=file.text(row["institution"], f"{place}.institution"),
                profession=file.choice(row["profession"], f"{place}.profession", Profession.values),
                preferred_language=file.choice(
                    row.get("preferred_language", "sr-latn"),
                    f"{place}.preferred_language",
                    languages,
                ),
                role=role,
                scope=row.get("scope"),
            )
        )
    return accounts


def load(report) -> None:
    """Create the demo accounts (verified emails) and make sure each has its role."""
    accounts = demo_accounts()
    institutions = {i.code: i for i in Institution.objects.all()}
    for account in accounts:
        for code in filter(None, (account.institution, account.scope)):
            if code not in institutions:
                raise DemoContentError(
                    FOLDER / "accounts.yaml", account.email, f"no institution with the code {code}"
                )
    # One hash for every new account: hashing is slow on purpose, and the demo must not be.
    password_hash = None
    existing = {u.email: u for u in User.objects.filter(email__in=[a.email for a in accounts])}
    lines = []
    for account in accounts:
        user = existing.get(account.email)
        created = user is None
        if created:
            user = user_create(
                email=account.email,
                first_name=account.first_name,
                last_name=account.last_name,
                institution=institutions[account.institution],
                profession=account.profession,
                preferred_language=account.preferred_language,
                email_verified=True,
            )
            password_hash = password_hash or make_password(DEMO_PASSWORD)
            user.password = password_hash
            user.save(update_fields=["password"])
        if account.role:
            scope = institutions[account.scope] if account.role in SCOPED_ROLES else None
            role_grant(user=user, role=account.role, institution=scope)
        lines.append(_line(account, user, created=created))
    report.epilogue.append(partial(write_demo_accounts, accounts=lines))


def demo_account_lines() -> list[DemoAccountLine]:
    """The demo accounts that exist here, for `manage.py demo_accounts`."""
    accounts = demo_accounts()
    users = {u.email: u for u in User.objects.filter(email__in=[a.email for a in accounts])}
    return [
        _line(account, users[account.email], created=True)
        for account in accounts
        if account.email in users
    ]


def _line(account: DemoAccount, user: User, *, created: bool) -> DemoAccountLine:
    return DemoAccountLine(
        email=account.email,
        name=user.get_full_name(),
        what=account_description(account),
        institution=account.institution,
        created=created,
    )


def account_description(account: DemoAccount) -> str:
    """In English, as the rest of the command's output (the labels are translated
    otherwise, and came out half Serbian: "Odgovorno lice institucije of PU-BG")."""
    with translation.override("en"):
        return _description(account)


def _description(account: DemoAccount) -> str:
    if account.role is None:
        return f"learner ({Profession(account.profession).label.lower()})"
    label = Role(account.role).label
    return f"{label} of {account.scope}" if account.scope else str(label)


def write_demo_accounts(out, style, accounts: list[DemoAccountLine]) -> None:
    """The demo accounts and their password, as `load_demo` and `demo_accounts` print them."""
    if not accounts:
        return
    out.write("")
    out.write(style.WARNING("Demo accounts: for local demonstration only."))
    out.write(f"Password of every demo account: {DEMO_PASSWORD}")
    width = max(len(a.email) for a in accounts)
    what_width = max(len(a.what) for a in accounts)
    for a in accounts:
        kept = "" if a.created else "  (existing account, left as it was)"
        out.write(f"  {a.email:<{width}}  {a.what:<{what_width}}  {a.name} · {a.institution}{kept}")
    out.write(
        "Staff accounts (administrator, trainers, manager, analyst) must set up an "
        "authenticator app (TOTP) the first time they open /admin/."
    )
