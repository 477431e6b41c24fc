"""The form a participant answers a survey with: one field per item."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LIKERT_LABELS, ItemKind, Survey

TEXT_LIMIT = 4000


class SurveyForm(forms.Form):
    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(survey.items.all())
        for item in self.items:
            name = f"item-{item.pk}"
            if item.kind == ItemKind.LIKERT:
                field = forms.TypedChoiceField(
                    choices=[(str(i), label) for i, label in enumerate(LIKERT_LABELS, 1)],
                    coerce=int,
                    widget=forms.RadioSelect,
                )
            elif item.kind == ItemKind.SINGLE:
                field = forms.ChoiceField(
                    choices=[(c, c) for c in item.choice_list], widget=forms.RadioSelect
                )
            elif item.kind == ItemKind.MULTIPLE:
                field = forms.MultipleChoiceField(
                    choices=[(c, c) for c in item.choice_list],
                    widget=forms.CheckboxSelectMultiple,
                )
            else:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 4}),
                    max_length=TEXT_LIMIT,
                    strip=True,
                )
            field.label = item.text
            field.required = item.required
            self.fields[name] = field

    def answers(self) -> dict[int, object]:
        """{item id: value} of the items answered (an optional item left empty is left out)."""
        result = {}
        for item in self.items:
            value = self.cleaned_data.get(f"item-{item.pk}")
            if value in (None, "", []):
                continue
            result[item.pk] = value
        return result

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not self.answers():
            raise forms.ValidationError(_("Answer at least one item."))
        return cleaned
