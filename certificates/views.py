from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from accounts.api import session_has_mfa
from config.api import retry_after
from pagecache.api import shared_response

from . import openbadges, selectors, services
from .codes import code_parse
from .data import CertificateStatus
from .forms import VerifyForm, VerifyPdfForm, too_big_message
from .models import Certificate
from .signing import signing_fingerprint
from .verification import signature_facts, uploaded_pdf_answer, verification_answer


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
    return render(
        request,
        "certificates/verify_form.html",
        {"form": form, "pdf_form": _pdf_form(), **signature_facts()},
    )


def _pdf_form(*args) -> VerifyPdfForm:
    return VerifyPdfForm(*args, max_bytes=settings.CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES)


@csrf_exempt  # checked by _verify_pdf, once the size is known to be within the limit
def verify_pdf(request):
    """Public: upload a certificate's PDF to learn whether we issued it and nobody changed
    it since (its signature), and its certificate's status now. Each upload counts as a
    look-up. A request body over the size limit is refused before it is read: the CSRF
    check (which reads the form) comes after that (Django's pattern for upload limits)."""
    if request.method == "POST":
        if seconds := _lookups_limited(request):
            return _too_many(request, seconds)
        limit = settings.CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit + 64 * 1024:  # the file and the form's other fields
            form = _pdf_form({}, {})
            form.is_valid()
            form.errors["pdf"] = form.error_class([too_big_message(limit)])
            return _verify_pdf_page(request, form=form, status=400)
    return _verify_pdf(request)


@csrf_protect
def _verify_pdf(request):
    if request.method != "POST":
        return _verify_pdf_page(request, form=_pdf_form())
    form = _pdf_form(request.POST, request.FILES)
    if not form.is_valid():
        return _verify_pdf_page(request, form=form, status=400)
    upload = form.cleaned_data["pdf"]
    result = uploaded_pdf_answer(data=upload.read(settings.CERTIFICATE_VERIFY_UPLOAD_MAX_BYTES))
    return _verify_pdf_page(
        request,
        form=_pdf_form(),
        result=result,
        # Rendered (and escaped) from our own template by verification_answer.
        answer=mark_safe(result.answer.html) if result.answer else None,  # noqa: S308
        file_name=upload.name,
    )


def _verify_pdf_page(request, *, form, status: int = 200, **context):
    return render(
        request,
        "certificates/verify_pdf.html",
        {"pdf_form": form, **signature_facts(), **context},
        status=status,
    )


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
    # expiry changes it), per signing certificate and per language, around the answer
    # cached above.
    return shared_response(
        request=request,
        template="certificates/verify.html",
        identity=f"{answer.serial}|{answer.html}|{signing_fingerprint()}",
        dependencies=(),
        context_for=lambda: {
            "serial": answer.serial,
            # Rendered (and escaped) from our own template by verification_answer.
            "answer": mark_safe(answer.html),  # noqa: S308
            **signature_facts(),
        },
    )


@login_required
def my_certificates(request):
    return render(
        request,
        "certificates/my_certificates.html",
        {
            "certificates": selectors.certificates_of(user=request.user),
            "now": timezone.now(),
            "badges_offered": openbadges.badges_offered(),
            "Status": CertificateStatus,
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


# --- Open Badges 3.0 (certificates.openbadges) ------------------------------------------------


def _own_badge_certificate(request, pk: int) -> Certificate:
    """The signed-in person's own certificate, if it may be had as a credential: nobody
    else's (not even an administrator's: the credential speaks for its holder)."""
    certificate = get_object_or_404(
        Certificate.objects.select_related("user"), pk=pk, user=request.user
    )
    if not openbadges.badge_available(certificate):
        raise Http404
    return certificate


@login_required
def badge_download(request, pk: int):
    """The holder's certificate as an Open Badges 3.0 credential, signed (VC-JWT)."""
    certificate = _own_badge_certificate(request, pk)
    response = HttpResponse(
        openbadges.badge_jwt(certificate=certificate), content_type=openbadges.MEDIA_TYPE
    )
    response["Content-Disposition"] = f'attachment; filename="{certificate.serial}.jwt"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def badge_json(request, pk: int):
    """What the holder's credential says (the JWT's credential, unsigned), to read."""
    certificate = _own_badge_certificate(request, pk)
    response = JsonResponse(
        openbadges.badge_credential(certificate=certificate),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _published(data: dict, *, content_type: str = "application/json", seconds: int = 3600):
    response = JsonResponse(
        data, content_type=content_type, json_dumps_params={"ensure_ascii": False}
    )
    response["Cache-Control"] = f"public, max-age={seconds}"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers fetch these from anywhere
    return response


def issuer_profile(request):
    """Public: the issuer's Open Badges Profile."""
    return _published(openbadges.issuer_profile_document(), content_type="application/ld+json")


def issuer_jwks(request):
    """Public: the public keys credentials are signed with (a JWKS)."""
    return _published(openbadges.jwks(), content_type="application/jwk-set+json")


def issuer_key(request, thumbprint: str):
    """Public: one key (the `kid` in a credential's header), as a JWK."""
    key = openbadges.published_key(thumbprint)
    if key is None:
        raise Http404
    return _published(key, content_type="application/jwk+json")


def achievement(request, page_id: int):
    """Public: the achievement of a course or training certificates were issued for."""
    document = openbadges.achievement_document(page_id=page_id)
    if document is None:
        raise Http404
    return _published(document, content_type="application/ld+json")


def status_list(request):
    """Public: the revocation status list credential (VC-JWT), as the database stands."""
    try:
        token = openbadges.status_list_jwt()
    except openbadges.BadgeNotAvailable as error:
        raise Http404 from error
    response = HttpResponse(token, content_type=openbadges.MEDIA_TYPE)
    response["Cache-Control"] = "public, max-age=60"  # a revocation shows within a minute
    response["Access-Control-Allow-Origin"] = "*"
    return response
