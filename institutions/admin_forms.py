"""Forms of the institution tree in the Wagtail admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Institution

INSTITUTION_FIELDS = ["code", "name_sr", "name_en", "kind", "region", "is_active"]


class InstitutionTreeChoiceField(forms.ModelChoiceField):
    """A plain <select> that reads as a tree: each option indented by its depth."""

    def label_from_instance(self, obj):
        return "\u2003" * (obj.depth - 1) + f"{obj.name} ({obj.code})"


class InstitutionCreateForm(forms.ModelForm):
    """Where the new institution sits, and what it is. Saved by `institution_create`."""

    parent = InstitutionTreeChoiceField(
        label=_("Part of"),
        queryset=Institution.objects.order_by("path"),
        required=False,
        empty_label=_("Nothing: a new top-level institution"),
        help_text=_("The institution this one belongs to. It cannot be changed later."),
    )

    field_order = ["parent", *INSTITUTION_FIELDS]

    class Meta:
        model = Institution
        fields = INSTITUTION_FIELDS
        help_texts = {
            "code": _(
                "A short, permanent identifier used by import files and other systems, "
                "e.g. PU-BG. It cannot be changed later."
            ),
        }


class InstitutionEditForm(forms.ModelForm):
    """Names, kind, region and whether it is active. The code and place in the tree stay."""

    within = forms.CharField(label=_("Part of"), required=False, disabled=True)

    field_order = ["within", *INSTITUTION_FIELDS]

    class Meta:
        model = Institution
        fields = INSTITUTION_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A disabled field keeps its initial value whatever is posted: the code is stable.
        code = self.fields["code"]
        code.disabled = True
        code.help_text = _("The code is permanent: import files and other systems refer to it.")
        parent = self.instance.get_parent() if self.instance.pk else None
        self.fields["within"].initial = (
            f"{parent.name} ({parent.code})" if parent else _("Nothing (top level)")
        )
