from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe

from accounts.api import session_has_mfa
from config.api import retry_after
from pagecache.api import shared_response

from . import selectors, services
from .codes import code_parse
from .forms import VerifyForm
from .models import Certificate
from .verification import verification_answer


def _lookups_limited(request, *, count: bool = True) -> int | None:
    """At most CERTIFICATE_VERIFY_RATE_LIMIT look-ups per client address per
    CERTIFICATE_VERIFY_RATE_WINDOW seconds: the seconds to wait once over it, else None."""
    return retry_after(
        request,
        group="certificates:verify",
        limit=settings.CERTIFICATE_VERIFY_RATE_LIMIT,
        window=settings.CERTIFICATE_VERIFY_RATE_WINDOW,
        count=count,
    )


def _too_many(request, seconds: int):
    response = render(request, "certificates/verify_limited.html", status=429)
    response["Retry-After"] = str(seconds)
    return response


def verify_form(request):
    """The public form: type the code printed on a certificate. Each look-up counts once: a
    well-formed code is counted on the page it redirects to, a mistyped one here."""
    form = VerifyForm(request.GET or None)
    if request.GET:
        valid = form.is_valid()
        if seconds := _lookups_limited(request, count=not valid):
            return _too_many(request, seconds)
        if valid:
            return redirect("certificates:verify", code=form.cleaned_data["code"])
    return render(request, "certificates/verify_form.html", {"form": form})


def verify(request, code: str):
    """Public: what a certificate certifies and whether it still stands. Nothing else
    about the person. The answer is cached per code and language (certificates.verification);
    an unknown or mistyped code is a 404 and is never cached."""
    if seconds := _lookups_limited(request):
        return _too_many(request, seconds)
    canonical = code_parse(code)
    if canonical is None:
        form = VerifyForm({"code": code})
        form.is_valid()
        return render(request, "certificates/verify_form.html", {"form": form}, status=404)
    if canonical != code:
        return redirect("certificates:verify", code=canonical)
    answer = verification_answer(code=canonical)
    if answer is None:
        return render(request, "certificates/verify_unknown.html", {"code": canonical}, status=404)
    # The whole page is cached per answer (its text is the key: a revocation or an
    # expiry changes it) and per language, around the answer cached above.
    return shared_response(
        request=request,
        template="certificates/verify.html",
        identity=f"{answer.serial}|{answer.html}",
        dependencies=(),
        # Rendered (and escaped) from our own template by verification_answer.
        context_for=lambda: {"serial": answer.serial, "answer": mark_safe(answer.html)},  # noqa: S308
    )


@login_required
def my_certificates(request):
    return render(
        request,
        "certificates/my_certificates.html",
        {
            "certificates": selectors.certificates_of(user=request.user),
            "now": timezone.now(),
        },
    )


@login_required
def download(request, pk: int):
    """The PDF, to those who may have it. Staff fetching someone else's certificate must
    have passed their second factor in this session, as in the administration."""
    certificate = get_object_or_404(Certificate.objects.select_related("user__institution"), pk=pk)
    if not selectors.viewer_may_download(viewer=request.user, certificate=certificate):
        raise Http404
    if certificate.user_id != request.user.pk and not session_has_mfa(request):
        raise PermissionDenied
    if not certificate.pdf:
        raise Http404
    # A revoked certificate's PDF is marked as revoked; one drawn before is drawn again.
    certificate = services.certificate_pdf_current(certificate=certificate)
    response = FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.serial}.pdf",
        content_type="application/pdf",
    )
    # Never kept by a browser or a proxy: after a revocation, only the marked PDF exists.
    response["Cache-Control"] = "private, no-store"
    return response
