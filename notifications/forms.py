"""The part of the profile form where people choose which emails they receive."""

from __future__ import annotations

from django import forms

from .kinds import email_kinds
from .selectors import email_choices_of
from .services import email_choices_save


class EmailChoicesForm(forms.Form):
    """A checkbox per kind of email the platform sends (ticked: received). A post without
    this part (no `shown` marker: an older page, another client) changes no choice, rather
    than read every missing box as "turned off"."""

    shown = forms.BooleanField(widget=forms.HiddenInput, required=False, initial=True)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.chosen = email_choices_of(user)
        for kind, label in email_kinds().items():
            self.fields[kind] = forms.BooleanField(
                label=label, required=False, initial=self.chosen.get(kind, True)
            )

    def save(self) -> None:
        if not self.cleaned_data.get("shown"):
            return
        changed = {
            kind: email
            for kind, email in self.cleaned_data.items()
            if kind != "shown" and email != self.chosen.get(kind, True)
        }
        email_choices_save(user=self.user, choices=changed)


def email_choices_form(*, user, data=None, prefix=None) -> EmailChoicesForm:
    """accounts' profile part (`accounts.api.register_profile_section`)."""
    return EmailChoicesForm(data, user=user, prefix=prefix)
