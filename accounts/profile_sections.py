"""Parts other apps add to a person's profile form (notification preferences, say), without
accounts knowing them.

An app registers a part from its AppConfig.ready():

    register_profile_section("notifications", template=..., form_for=preferences_form)

`form_for(*, user, data, prefix)` returns a bound (or, without data, unbound) form with a
`save()` method. The profile page shows each part's template (which reads the form as
`section_form`) inside its one form, before the Save button; the profile and every part are
saved together, in one transaction, only when all of them are valid."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple


class ProfileSection(NamedTuple):
    template: str
    form: Any


_PARTS: dict[str, tuple[str, Callable[..., Any]]] = {}


def register_profile_section(name: str, *, template: str, form_for: Callable[..., Any]) -> None:
    """Add (or, under the same name, replace) a part of the profile form."""
    _PARTS[name] = (template, form_for)


def profile_sections_for(*, user, data=None) -> list[ProfileSection]:
    return [
        ProfileSection(template, form_for(user=user, data=data, prefix=name))
        for name, (template, form_for) in _PARTS.items()
    ]
