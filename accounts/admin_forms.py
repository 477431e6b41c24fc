"""Forms of the People area and of Wagtail's own Users admin."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.users.forms import UserCreationForm, UserEditForm

from institutions.api import Institution, InstitutionTreeChoiceField

from .models import SCOPED_ROLES, Profession, Role, User

# --- People ------------------------------------------------------------------------------------


class PersonMoveForm(forms.Form):
    institution = InstitutionTreeChoiceField(
        label=_("New institution"),
        queryset=Institution.objects.none(),
        error_messages={
            "invalid_choice": _(
                "Choose one of the institutions listed: the others are outside your reach."
            )
        },
        help_text=_("The current membership is closed and kept in the history."),
    )

    def __init__(self, *args, institutions, current: Institution | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.current = current
        self.fields["institution"].queryset = institutions

    def clean_institution(self):
        institution = self.cleaned_data["institution"]
        if self.current is not None and institution.pk == self.current.pk:
            raise forms.ValidationError(
                _("This person already belongs to %(institution)s."),
                code="same_institution",
                params={"institution": institution.name},
            )
        return institution


class RoleGrantForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    institution = InstitutionTreeChoiceField(
        label=_("Scope"),
        queryset=Institution.objects.order_by("path"),
        required=False,
        help_text=_(
            "Institution managers and ministry analysts need one: the top of the part of the "
            "tree they may see. Other roles ignore it."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role")
        if role in SCOPED_ROLES:
            if cleaned.get("institution") is None and "institution" not in self.errors:
                self.add_error(
                    "institution",
                    forms.ValidationError(
                        _("%(role)s needs a scope: choose an institution."),
                        code="scope_required",
                        params={"role": Role(role).label},
                    ),
                )
        elif role:
            cleaned["institution"] = None
        return cleaned


# --- Wagtail's Users admin --------------------------------------------------------------------
# Roles, and the Django groups and superuser flag behind them, change only through
# `role_grant` / `role_revoke` (the People area): these forms leave them out.


def _drop_role_fields(form: forms.Form) -> None:
    for name in ("is_superuser", "groups"):
        form.fields.pop(name, None)


class UserAccountEditForm(UserEditForm):
    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150)

    class Meta(UserEditForm.Meta):
        fields = [
            "email",
            "first_name",
            "last_name",
            "profession",
            "preferred_language",
            "is_active",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_role_fields(self)
        # The address is the login and is kept in step with allauth's verified addresses;
        # people change it themselves, under their account's email settings.
        email = self.fields["email"]
        email.disabled = True
        email.help_text = _("People change their own address in their account settings.")


class UserInviteForm(UserCreationForm):
    """A new account with no password: the person gets an invitation to set one."""

    first_name = forms.CharField(label=_("Given name"), max_length=150)
    last_name = forms.CharField(label=_("Family name"), max_length=150)
    institution = InstitutionTreeChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.filter(is_active=True).order_by("path"),
    )
    profession = forms.ChoiceField(label=_("Profession"), choices=Profession.choices)
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        help_text=_("The invitation is written in this language."),
    )

    class Meta(UserCreationForm.Meta):
        fields = ["email", "first_name", "last_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _drop_role_fields(self)

    def clean_email(self):
        email = User.objects.normalize_email(self.cleaned_data["email"]).lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email address already exists."), code="duplicate"
            )
        return email
