"""The form in which administrators and institution managers write a plan."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from accounts.api import Profession, institutions_visible_to, people_scope_for, people_visible_to
from courses.api import CoursePage
from institutions.api import InstitutionTreeChoiceField
from trainings.api import TrainingPage

from .models import (
    PlanItem,
    TrainingPlan,
    default_reminder_days_after,
    default_reminder_days_before,
)
from .targets import Target

MAX_NAMED = 2000
_EMAIL_SPLIT = re.compile(r"[\s,;]+")
MAX_REMINDERS = 6


class DaysField(forms.CharField):
    """A few numbers of days, "30, 7": a list of distinct days, largest first (empty: none)."""

    def clean(self, value):
        text = super().clean(value)
        parts = [p for p in re.split(r"[\s,;]+", text or "") if p]
        try:
            days = sorted({int(p) for p in parts}, reverse=True)
        except ValueError:
            raise forms.ValidationError(
                _("Give whole numbers of days, separated by commas, e.g. “30, 7”.")
            ) from None
        if any(not 1 <= d <= 365 for d in days):
            raise forms.ValidationError(_("Each number of days is between 1 and 365."))
        if len(days) > MAX_REMINDERS:
            raise forms.ValidationError(
                _("At most %(count)d reminders here.") % {"count": MAX_REMINDERS}
            )
        return days


def _days_text(days) -> str:
    return ", ".join(str(d) for d in days or ())


class InstitutionsChoice(forms.ModelMultipleChoiceField):
    """Many institutions, each option indented by its depth (as InstitutionTreeChoiceField)."""

    label_from_instance = InstitutionTreeChoiceField.label_from_instance


class PlanForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    description = forms.CharField(
        label=_("Why it is required"),
        help_text=_("Learners read this on My learning."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    owner_institution = InstitutionTreeChoiceField(
        label=_("For the institution"),
        help_text=_("The plan reaches only people of this institution and those below it."),
        queryset=None,
        required=False,
    )
    courses = forms.ModelMultipleChoiceField(
        label=_("Required courses"), queryset=None, required=False
    )
    trainings = forms.ModelMultipleChoiceField(
        label=_("Required trainings"), queryset=None, required=False
    )
    target_institutions = InstitutionsChoice(
        label=_("Everyone in these institutions (and below them)"), queryset=None, required=False
    )
    target_professions = forms.MultipleChoiceField(
        label=_("…with one of these professions"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    emails = forms.CharField(
        label=_("…and these people, by name (email addresses, one per line)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    due_within_days = forms.IntegerField(
        label=_("…or days to complete after joining"), min_value=1, max_value=3650, required=False
    )
    recertify_days_before = forms.IntegerField(
        label=_("Re-enrol this many days before a certificate expires"),
        help_text=_("Leave empty for no re-certification."),
        min_value=1,
        max_value=365,
        required=False,
    )

    reminder_days_before = DaysField(
        label=_("Remind people this many days before the due date"),
        help_text=_("E.g. “30, 7”. Leave empty for no reminders before it."),
        required=False,
        initial=_days_text(default_reminder_days_before()),
    )
    reminder_days_after = DaysField(
        label=_("…and this many days after it, if they have not completed"),
        help_text=_(
            "E.g. “1, 14”. Their institution's managers also get a weekly list of the "
            "people who are late."
        ),
        required=False,
        initial=_days_text(default_reminder_days_after()),
    )
    reminders_mandatory = forms.BooleanField(
        label=_("Reminders are mandatory"),
        help_text=_("Sent by email even to people who turned plan reminders off."),
        required=False,
        initial=True,
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.scope = people_scope_for(viewer=viewer)
        institutions = institutions_visible_to(viewer=viewer)
        self.fields["owner_institution"].queryset = institutions
        self.fields["target_institutions"].queryset = institutions
        if self.scope is not None and not self.scope.is_everywhere:
            self.fields["owner_institution"].required = True
        else:
            self.fields["owner_institution"].help_text = _(
                "Leave empty for a national plan, which may reach everyone."
            )
        default = Locale.get_default()
        self.fields["courses"].queryset = (
            CoursePage.objects.live().filter(locale=default).order_by("title")
        )
        self.fields["trainings"].queryset = (
            TrainingPage.objects.live().filter(locale=default).order_by("title")
        )

    def clean(self):
        cleaned = super().clean()
        owner = cleaned.get("owner_institution")
        if not cleaned.get("courses") and not cleaned.get("trainings"):
            raise forms.ValidationError(_("Choose at least one course or training."))
        if cleaned.get("due_date") is None and cleaned.get("due_within_days") is None:
            self.add_error("due_date", _("Give a due date or a number of days after joining."))
        for institution in cleaned.get("target_institutions") or ():
            if owner is not None and not institution.path.startswith(owner.path):
                self.add_error(
                    "target_institutions",
                    _("“%(name)s” is not within the plan's institution.")
                    % {"name": institution.name},
                )
        cleaned["named"] = self._named_people(cleaned.get("emails", ""), owner)
        if not (
            cleaned.get("target_institutions")
            or cleaned.get("target_professions")
            or cleaned["named"]
        ):
            raise forms.ValidationError(
                _("Say whom the plan is for: institutions, professions or people by name.")
            )
        return cleaned

    def _named_people(self, text: str, owner) -> list:
        emails = sorted({e.lower() for e in _EMAIL_SPLIT.split(text or "") if e})
        if len(emails) > MAX_NAMED:
            self.add_error("emails", _("At most %(count)d people by name.") % {"count": MAX_NAMED})
            return []
        if not emails:
            return []
        people = people_visible_to(viewer=self.viewer).filter(email__in=emails)
        if owner is not None:
            people = people.filter(institution__path__startswith=owner.path)
        people = list(people)
        # The same answer whether an address has no account or one outside the viewer's
        # reach: the form does not tell who has an account elsewhere.
        missing = sorted(set(emails) - {p.email.lower() for p in people})
        if missing:
            self.add_error(
                "emails",
                _("Not found among the people of the plan's institution: %(emails)s")
                % {"emails": ", ".join(missing[:20]) + ("…" if len(missing) > 20 else "")},
            )
        return people

    def target(self) -> Target:
        cleaned = self.cleaned_data
        owner = cleaned.get("owner_institution")
        return Target(
            owner_path=owner.path if owner else None,
            institution_paths=tuple(i.path for i in cleaned.get("target_institutions") or ()),
            professions=tuple(cleaned.get("target_professions") or ()),
            named_ids=tuple(p.pk for p in cleaned["named"]),
        )

    @staticmethod
    def target_count(plan: TrainingPlan) -> int:
        return Target.of(plan).people().count()

    @classmethod
    def initial_for(cls, plan: TrainingPlan) -> dict:
        items = list(plan.items.all())
        return {
            "name": plan.name,
            "description": plan.description,
            "owner_institution": plan.owner_institution,
            "courses": [i.course_id for i in items if i.course_id],
            "trainings": [i.training_id for i in items if i.training_id],
            "target_institutions": list(plan.target_institutions.all()),
            "target_professions": plan.target_professions,
            "emails": "\n".join(plan.target_people.values_list("email", flat=True)),
            "due_date": plan.due_date,
            "due_within_days": plan.due_within_days,
            "recertify_days_before": plan.recertify_days_before,
            "reminder_days_before": _days_text(plan.reminder_days_before),
            "reminder_days_after": _days_text(plan.reminder_days_after),
            "reminders_mandatory": plan.reminders_mandatory,
        }

    def _reminders_posted(self) -> bool:
        """Whether the post carries the reminder fields (a form of before them keeps the
        plan's schedule rather than read them as empty)."""
        return any(
            self.add_prefix(name) in self.data
            for name in ("reminder_days_before", "reminder_days_after")
        )

    def save(self, *, plan: TrainingPlan | None) -> TrainingPlan:
        cleaned = self.cleaned_data
        plan = plan or TrainingPlan(created_by=self.viewer)
        plan.name = cleaned["name"]
        plan.description = cleaned["description"]
        plan.owner_institution = cleaned.get("owner_institution")
        plan.target_professions = list(cleaned.get("target_professions") or [])
        plan.due_date = cleaned.get("due_date")
        plan.due_within_days = cleaned.get("due_within_days")
        plan.recertify_days_before = cleaned.get("recertify_days_before")
        if self._reminders_posted():
            plan.reminder_days_before = cleaned["reminder_days_before"]
            plan.reminder_days_after = cleaned["reminder_days_after"]
            plan.reminders_mandatory = cleaned["reminders_mandatory"]
        plan.save()
        plan.target_institutions.set(cleaned.get("target_institutions") or [])
        plan.target_people.set(cleaned["named"])
        kept = {(i.course_id, i.training_id): i for i in plan.items.all()}
        wanted = [(c.pk, None) for c in cleaned.get("courses") or ()] + [
            (None, t.pk) for t in cleaned.get("trainings") or ()
        ]
        plan.items.exclude(pk__in=[kept[k].pk for k in wanted if k in kept]).delete()
        for order, (course_id, training_id) in enumerate(wanted):
            item = kept.get((course_id, training_id)) or PlanItem(
                plan=plan, course_id=course_id, training_id=training_id
            )
            item.sort_order = order
            item.save()
        return plan
