"""Forms for institution managers who enrol people in courses."""

import csv
import io
import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from accounts.api import institutions_visible_to, people_visible_to

from .models import CoursePage
from .selectors import people_course_is_not_meant_for
from .services import course_not_meant_for_message

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_PEOPLE = 20_000
_EMAIL_SPLIT = re.compile(r"[\s,;]+")


class InstitutionField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return "\u2003" * (obj.depth - 1) + f"{obj.name} ({obj.code})"


class EnrolPeopleForm(forms.Form):
    """Enrol people of the manager's subtree: a whole institution (and below), a list of
    email addresses, or a CSV file with an `email` column. All or nothing."""

    course = forms.ModelChoiceField(label=_("Course"), queryset=CoursePage.objects.none())
    institution = InstitutionField(
        label=_("Everyone in this institution"),
        queryset=None,
        required=False,
    )
    include_subtree = forms.BooleanField(
        label=_("…and in every institution below it"), required=False, initial=True
    )
    emails = forms.CharField(
        label=_("…or these people (email addresses, one per line)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    file = forms.FileField(
        label=_("…or a CSV file with an “email” column"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args, viewer, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        self.fields["course"].queryset = (
            CoursePage.objects.live().filter(locale=Locale.get_default()).order_by("title")
        )
        self.fields["institution"].queryset = institutions_visible_to(viewer=viewer)

    def _emails_from_file(self, upload) -> list[str]:
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(_("The file is larger than 2 MB."))
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError(_("Upload a .csv file."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise forms.ValidationError(
                _("The file is not valid UTF-8 (line %(line)d).") % {"line": line}
            ) from error
        sample = text.splitlines()[0] if text else ""
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
        if "email" not in fields:
            raise forms.ValidationError(_("The file has no “email” column."))
        reader.fieldnames = fields
        return [(row.get("email") or "").strip() for row in reader if any(row.values())]

    def clean(self):
        cleaned = super().clean()
        emails = [e for e in _EMAIL_SPLIT.split(cleaned.get("emails") or "") if e]
        if cleaned.get("file"):
            try:
                emails += [e for e in self._emails_from_file(cleaned["file"]) if e]
            except forms.ValidationError as error:
                self.add_error("file", error)
                return cleaned
        institution = cleaned.get("institution")
        if not emails and institution is None:
            raise forms.ValidationError(
                _("Choose an institution, or list people by email, or upload a file.")
            )
        people = []
        visible = people_visible_to(viewer=self.viewer).filter(is_active=True)
        if emails:
            wanted = {e.lower() for e in emails}
            found = {u.email.lower(): u for u in visible.filter(email__in=wanted)}
            unknown = sorted(wanted - set(found))
            if unknown:
                self.add_error(
                    "emails",
                    _("Not found among the people you manage: %(emails)s. Nobody was enrolled.")
                    % {"emails": ", ".join(unknown[:20]) + ("…" if len(unknown) > 20 else "")},
                )
                return cleaned
            people += list(found.values())
        if institution is not None:
            if cleaned.get("include_subtree"):
                members = visible.filter(institution__path__startswith=institution.path)
            else:
                members = visible.filter(institution=institution)
            people += list(members)
        unique = {u.pk: u for u in people}
        if len(unique) > MAX_PEOPLE:
            raise forms.ValidationError(
                _("That is more than %(max)d people; enrol them in parts.") % {"max": MAX_PEOPLE}
            )
        cleaned["people"] = list(unique.values())
        course = cleaned.get("course")
        refused = (
            people_course_is_not_meant_for(course=course, users=cleaned["people"])
            if course is not None
            else []
        )
        if refused:
            raise forms.ValidationError(course_not_meant_for_message(course=course, users=refused))
        return cleaned
