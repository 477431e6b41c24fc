from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import exports, selectors, services
from .data import CertificateStatus
from .forms import ExportForm, ReissueForm, RevokeForm
from .models import CertificateExport, ExportStatus


def _require_staff(request) -> None:
    if not selectors.viewer_may_see_certificates_admin(viewer=request.user):
        raise PermissionDenied


@login_required
def certificate_list(request):
    _require_staff(request)
    certificates = selectors.certificates_visible_to(viewer=request.user).order_by(
        "-issued_at", "-pk"
    )
    query = request.GET.get("q", "").strip()
    if query:
        certificates = selectors.certificates_matching(certificates, query=query)
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "certificates/manage/list.html",
        {
            "page": page,
            "query": query,
            "now": timezone.now(),
            "may_export": selectors.viewer_may_export(viewer=request.user),
        },
    )


def _visible(request, pk: int):
    _require_staff(request)
    return get_object_or_404(
        selectors.certificates_visible_to(viewer=request.user).select_related("user__institution"),
        pk=pk,
    )


def _detail(request, certificate, *, reissue_form=None, status=200):
    viewer = request.user
    current = not certificate.superseded_by_id and not certificate.revoked_at
    return render(
        request,
        "certificates/manage/detail.html",
        {
            "certificate": certificate,
            "status": certificate.status(timezone.now()),
            "Status": CertificateStatus,
            "events": certificate.events.select_related("actor"),
            "may_download": selectors.viewer_may_download(viewer=viewer, certificate=certificate),
            "may_revoke": not certificate.revoked_at
            and selectors.viewer_may_revoke(viewer=viewer, certificate=certificate),
            "reissue_form": (reissue_form or ReissueForm())
            if current and selectors.viewer_may_reissue(viewer=viewer, certificate=certificate)
            else None,
        },
        status=status,
    )


@login_required
def certificate_detail(request, pk: int):
    return _detail(request, _visible(request, pk))


@require_http_methods(["GET", "POST"])
@login_required
def certificate_revoke_view(request, pk: int):
    """The second step of revoking: the certificate, why it is revoked, and the button."""
    certificate = _visible(request, pk)
    if not selectors.viewer_may_revoke(viewer=request.user, certificate=certificate):
        raise PermissionDenied
    if certificate.revoked_at:
        messages.info(request, _("This certificate is already revoked."))
        return redirect("certificates_manage:detail", pk=certificate.pk)
    form = RevokeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(
                certificate=certificate,
                actor=request.user,
                category=form.cleaned_data["category"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The certificate is revoked."))
            return redirect("certificates_manage:detail", pk=certificate.pk)
    return render(
        request,
        "certificates/manage/revoke.html",
        {"certificate": certificate, "status": certificate.status(), "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def certificate_reissue_view(request, pk: int):
    certificate = _visible(request, pk)
    if not selectors.viewer_may_reissue(viewer=request.user, certificate=certificate):
        raise PermissionDenied
    form = ReissueForm(request.POST)
    if form.is_valid():
        try:
            new = services.certificate_reissue(
                certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Reissued as %(serial)s; the old certificate is superseded.")
                % {"serial": new.serial},
            )
            return redirect("certificates_manage:detail", pk=new.pk)
    return _detail(request, certificate, reissue_form=form, status=400)


# --- ZIP downloads --------------------------------------------------------------------


def _require_export(request) -> None:
    if not selectors.viewer_may_export(viewer=request.user):
        raise PermissionDenied


@login_required
def export_list(request):
    _require_export(request)
    form = ExportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            export = exports.export_create(viewer=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("certificates_manage:export", pk=export.pk)
    return render(
        request,
        "certificates/manage/exports.html",
        {"form": form, "exports": selectors.exports_of(viewer=request.user)[:20]},
        status=400 if form.errors else 200,
    )


def _own_export(request, pk: int) -> CertificateExport:
    _require_export(request)
    return get_object_or_404(selectors.exports_of(viewer=request.user), pk=pk)


@login_required
def export_detail(request, pk: int):
    return render(request, "certificates/manage/export.html", {"export": _own_export(request, pk)})


@login_required
def export_download(request, pk: int):
    export = _own_export(request, pk)
    if export.status != ExportStatus.DONE or not export.file:
        raise Http404
    return FileResponse(
        export.file.open("rb"),
        as_attachment=True,
        filename=f"certificates-{export.created_at:%Y%m%d-%H%M}.zip",
        content_type="application/zip",
    )
