"""The import of cases, in the Wagtail admin: for whoever may add cases to a library."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import CaseIndexPage
from .services import CaseImportError, cases_import, read_rows


def libraries_open_to(user):
    """Case-law libraries under which the user may add pages."""
    return [
        index
        for index in CaseIndexPage.objects.order_by("path")
        if index.permissions_for_user(user).can_add_subpage()
    ]


def user_may_import_cases(user) -> bool:
    return bool(libraries_open_to(user))


class CaseImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("CSV (the columns of the CSV export) or JSON.")
    )
    index = forms.ModelChoiceField(label=_("Library"), queryset=CaseIndexPage.objects.none())
    publish = forms.BooleanField(
        label=_("Publish the cases at once"),
        required=False,
        help_text=_("Otherwise they are saved as drafts for review."),
    )

    def __init__(self, *args, libraries, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["index"].queryset = CaseIndexPage.objects.filter(
            pk__in=[lib.pk for lib in libraries]
        )
        if len(libraries) == 1:
            self.fields["index"].initial = libraries[0].pk


def case_import(request):
    libraries = libraries_open_to(request.user)
    if not libraries:
        raise PermissionDenied
    form = CaseImportForm(request.POST or None, request.FILES or None, libraries=libraries)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = read_rows(name=upload.name, content=upload.read())
        except CaseImportError as error:
            form.add_error("file", str(error))
        else:
            result = cases_import(
                rows=rows,
                index=form.cleaned_data["index"],
                user=request.user,
                publish=form.cleaned_data["publish"],
            )
            if result.ok:
                messages.success(
                    request,
                    gettext("%(count)d cases imported.") % {"count": len(result.created)},
                )
                for warning in result.warnings:
                    messages.warning(
                        request,
                        gettext("Row %(row)d may name a person: %(where)s")
                        % {"row": warning.row, "where": "; ".join(warning.messages)},
                    )
                return redirect("wagtailadmin_explore", form.cleaned_data["index"].pk)
    return TemplateResponse(
        request,
        "caselaw/admin/import.html",
        {"form": form, "result": result, "export_url": reverse("caselaw:export_csv")},
        status=400 if result is not None and not result.ok else 200,
    )


def admin_urls():
    return [path("caselaw/import/", case_import, name="caselaw_import")]
