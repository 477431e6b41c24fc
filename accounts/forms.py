from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from institutions.api import institution_choices_for_signup

from .models import Profession, User
from .services import user_move_institution


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # Indent by depth so that the tree reads as a tree in a plain <select>.
        return "\u2003" * (obj.depth - 1) + obj.name


class SignupProfileForm(forms.Form):
    """The fields allauth's sign-up form adds to email and password."""

    first_name = forms.CharField(
        label=_("Given name"),
        max_length=150,
        help_text=_("As you want it on your certificates, in Cyrillic or Latin."),
    )
    last_name = forms.CharField(label=_("Family name"), max_length=150)
    institution = InstitutionChoiceField(
        label=_("Institution"), queryset=institution_choices_for_signup()
    )
    # No profession is preselected: a learner who skipped the field would be counted as
    # whatever came first (a judge). "Other" is one of the choices.
    profession = forms.ChoiceField(
        label=_("Profession"),
        choices=[("", _("Choose your profession…")), *Profession.choices],
        error_messages={"required": _("Choose your profession (or “Other”).")},
    )
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    field_order = [
        "first_name",
        "last_name",
        "email",
        "institution",
        "profession",
        "preferred_language",
        "password1",
        "password2",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = institution_choices_for_signup()

    def clean_first_name(self):
        return self.cleaned_data["first_name"].strip()

    def clean_last_name(self):
        return self.cleaned_data["last_name"].strip()

    def signup(self, request, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.profession = self.cleaned_data["profession"]
        user.preferred_language = self.cleaned_data["preferred_language"]
        user.save()
        user_move_institution(user=user, institution=self.cleaned_data["institution"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "form_of_address",
            "profession",
            "preferred_language",
            "sex",
            "service_entry_year",
        ]

    def clean_service_entry_year(self):
        year = self.cleaned_data.get("service_entry_year")
        if year is not None and year > timezone.now().year:
            raise forms.ValidationError(_("The year is in the future."))
        return year


class ErasureConfirmForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput(attrs={"autocomplete": "off"})
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be erased for good.")
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password
