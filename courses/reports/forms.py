"""The filters of a course's learners, and the form that gives a course to a trainer."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from institutions.api import Institution

from ..authoring import trainers_assignable_to
from ..models import CoursePage, Enrolment


class CompletedFilter(django_filters.ChoiceFilter):
    def filter(self, qs, value):
        if value == "yes":
            return qs.filter(completed_at__isnull=False)
        if value == "no":
            return qs.filter(completed_at__isnull=True)
        return qs


class InstitutionFilter(django_filters.ModelChoiceFilter):
    """The chosen institution and everything below it."""

    def filter(self, qs, value):
        if value:
            return qs.filter(user__institution__path__startswith=value.path)
        return qs


class EnrolmentReportFilterSet(WagtailFilterSet):
    institution = InstitutionFilter(
        label=_("Institution"),
        queryset=Institution.objects.order_by("path"),
        help_text=_("Includes every institution below the one chosen."),
    )
    completed = CompletedFilter(
        label=_("Completed"),
        choices=[("yes", _("Completed")), ("no", _("Not completed"))],
        empty_label=_("All"),
    )

    class Meta:
        model = Enrolment
        fields = ["institution", "completed"]


class TrainerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name()} <{obj.email}>"


class AssignTrainerForm(forms.Form):
    user = TrainerChoiceField(label=_("Trainer"), queryset=None)

    def __init__(self, *args, course: CoursePage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = trainers_assignable_to(course=course)
