from django import forms
from django.utils.translation import gettext_lazy as _

from courses.api import CoursePage, default_locale_id

from .codes import code_parse
from .data import RevocationReason


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=60,
        help_text=_("As printed on the certificate, e.g. 7K3M-Q9XD-H2TB-W4NR-P8EC."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self):
        code = code_parse(self.cleaned_data["code"])
        if code is None:
            raise forms.ValidationError(
                _(
                    "This is not a valid verification code: a character is probably "
                    "mistyped. Check it against the certificate."
                ),
                code="typo",
            )
        return code


class VerifyPdfForm(forms.Form):
    """A certificate's PDF file, to check its signature (the size is checked by the view
    before the upload is read, and again here)."""

    pdf = forms.FileField(
        label=_("Certificate (PDF file)"),
        help_text=_("The PDF file of a certificate, as downloaded from this platform."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
        error_messages={
            "required": _("Choose the certificate's PDF file."),
            "empty": _("This file is empty: choose the certificate's PDF file."),
        },
    )

    def __init__(self, *args, max_bytes: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_bytes = max_bytes

    def clean_pdf(self):
        upload = self.cleaned_data["pdf"]
        if upload.size > self.max_bytes:
            raise forms.ValidationError(too_big_message(self.max_bytes), code="too_big")
        return upload


def too_big_message(max_bytes: int) -> str:
    return _("This file is too big to be a certificate: at most %(size)s MB is accepted.") % {
        "size": max(1, max_bytes // (1024 * 1024))
    }


class RevokeForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Why is it revoked?"),
        choices=[("", "—"), *RevocationReason.choices],
    )
    reason = forms.CharField(
        label=_("Details"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
        help_text=_(
            "Shown on the public verification page and on the PDF. Required for “Another reason”."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        cleaned["reason"] = (cleaned.get("reason") or "").strip()
        if cleaned.get("category") == RevocationReason.OTHER and not cleaned["reason"]:
            self.add_error("reason", _("Give the reason for revoking the certificate."))
        return cleaned


class ReissueForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reissuing"),
        max_length=2000,
        initial="",
        help_text=_("E.g. the holder's name was corrected in their profile."),
    )


class ExportForm(forms.Form):
    course = forms.ModelChoiceField(
        label=_("Course"), queryset=None, required=False, empty_label=_("All courses")
    )
    issued_from = forms.DateField(
        label=_("Issued from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    issued_to = forms.DateField(
        label=_("Issued until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.filter(
            locale_id=default_locale_id()
        ).order_by("title")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("issued_from"), cleaned.get("issued_to")
        if start and end and start > end:
            self.add_error("issued_to", _("The period ends before it starts."))
        return cleaned
