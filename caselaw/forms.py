"""The search form of the case-law library: every filter in the URL, validated."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.api import Profession

from .models.terms import AgeGroup, CourtLevel, Outcome, VictimStatus

YEAR_MIN, YEAR_MAX = 1950, 2100
MAX_QUERY_LENGTH = 200


SORT_CHOICES = [
    ("", _("Best match (newest first without words)")),
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
]


class CaseSearchForm(forms.Form):
    """Bound to request.GET. Vocabulary choices come in as `vocabularies`:
    {field name: [(slug, name), …]}, loaded once per request by the selector."""

    q = forms.CharField(label=_("Words"), required=False, max_length=MAX_QUERY_LENGTH)
    level = forms.MultipleChoiceField(
        label=_("Court level"), choices=CourtLevel.choices, required=False
    )
    year_from = forms.IntegerField(
        label=_("From year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    year_to = forms.IntegerField(
        label=_("To year"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    victim_age = forms.MultipleChoiceField(
        label=_("Victims: child or adult"), choices=AgeGroup.choices, required=False
    )
    victim_status = forms.MultipleChoiceField(
        label=_("Victims: status"), choices=VictimStatus.choices, required=False
    )
    outcome = forms.MultipleChoiceField(label=_("Outcome"), choices=Outcome.choices, required=False)
    key = forms.ChoiceField(
        label=_("Key cases only"), choices=[("", "—"), ("1", _("Yes"))], required=False
    )
    audience = forms.MultipleChoiceField(
        label=_("Audience"), choices=Profession.choices, required=False
    )
    sort = forms.ChoiceField(label=_("Order"), choices=SORT_CHOICES, required=False)

    # Vocabulary facets, their choices filled in __init__.
    VOCABULARY_FIELDS = {
        "country": _("Country"),
        "form": _("Form of exploitation"),
        "act": _("Act"),
        "means": _("Means"),
        "issue": _("Legal issue"),
        "sector": _("Sector"),
    }

    def __init__(self, data=None, *, vocabularies: dict[str, list[tuple[str, str]]]):
        super().__init__(data)
        for name, label in self.VOCABULARY_FIELDS.items():
            self.fields[name] = forms.MultipleChoiceField(
                label=label, choices=vocabularies.get(name, []), required=False
            )

    def clean_q(self):
        return " ".join(self.cleaned_data["q"].split())

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("year_from"), cleaned.get("year_to")
        if start and end and start > end:
            self.add_error("year_to", _("The end year is before the start year."))
        return cleaned

    def filters(self) -> dict:
        """The valid filters only: a nonsense value drops its own filter, not the rest."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value not in (None, "", [])
        }
