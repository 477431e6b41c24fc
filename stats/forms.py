"""The statistics filters: one form behind the dashboard, the exports, the API and the
scheduled reports, so they all read the same parameters the same way."""

from __future__ import annotations

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.api import Profession
from institutions.api import Region

from .models import Frequency, ReportView
from .selectors import StatsFilters, StatsScope, courses_for_stats, institution_in_scope

EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2100, 12, 31)


class StatsFilterForm(forms.Form):
    institution = forms.CharField(
        label=_("Institution code"),
        required=False,
        max_length=40,
        help_text=_("The institution and everything below it."),
    )
    course = forms.IntegerField(label=_("Course"), required=False, min_value=1)
    profession = forms.ChoiceField(
        label=_("Profession"),
        required=False,
        choices=[("", _("All professions")), *Profession.choices],
    )
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("All regions")), *Region.choices]
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_(
            "Periods cover whole months: a day stands for its month (administrators see "
            "exact days)."
        ),
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    # Query parameter names (short, the same in the dashboard and the API).
    PARAM_NAMES = {"date_from": "from", "date_to": "to"}

    def __init__(self, data=None, *, scope: StatsScope, **kwargs):
        super().__init__(data, **kwargs)
        self.scope = scope
        self.courses = list(courses_for_stats().only("pk", "title"))
        self.fields["course"].widget = forms.Select(
            choices=[("", _("All courses")), *[(c.pk, c.title) for c in self.courses]]
        )

    def add_prefix(self, field_name):
        return self.PARAM_NAMES.get(field_name, field_name)

    def clean_institution(self):
        code = (self.cleaned_data.get("institution") or "").strip().upper()
        if not code:
            return None
        institution = institution_in_scope(scope=self.scope, code=code)
        if institution is None:
            raise forms.ValidationError(
                _("No institution with this code within your statistics."), code="scope"
            )
        return institution

    def clean_course(self):
        course_id = self.cleaned_data.get("course")
        if course_id is None:
            return None
        course = next((c for c in self.courses if c.pk == course_id), None)
        if course is None:
            raise forms.ValidationError(_("No such course."), code="invalid")
        return course

    def _clean_date(self, name):
        value = self.cleaned_data.get(name)
        if value is not None and not EARLIEST <= value <= LATEST:
            raise forms.ValidationError(
                _("Choose a date between %(start)s and %(end)s.")
                % {"start": EARLIEST.isoformat(), "end": LATEST.isoformat()}
            )
        return value

    def clean_date_from(self):
        return self._clean_date("date_from")

    def clean_date_to(self):
        return self._clean_date("date_to")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("The end of the period comes before its start."))
        return cleaned

    def to_filters(self) -> StatsFilters:
        data = self.cleaned_data
        return StatsFilters(
            institution=data.get("institution"),
            course=data.get("course"),
            profession=data.get("profession") or None,
            region=data.get("region") or None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def error_reasons(self) -> dict[str, list[str]]:
        """Errors keyed by query parameter name (the API returns them)."""
        return {
            self.PARAM_NAMES.get(field, field): [str(m) for m in messages]
            for field, messages in self.errors.items()
        }


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("What the token is for, e.g. “Monthly report spreadsheet”."),
    )


class SubscriptionForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Frequency"), choices=Frequency.choices)
    view = forms.ChoiceField(label=_("Table"), choices=ReportView.choices)
