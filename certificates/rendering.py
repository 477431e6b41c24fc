"""The certificate's PDF: HTML from a template, drawn by WeasyPrint as PDF/A-3b.

Everything the PDF shows is in the HTML itself (images and the QR code as data URIs) or is
one of our own static files (the fonts), so the output depends only on the certificate, the
programme settings and the signatories. WeasyPrint fetches through `CertificateURLFetcher`,
which serves our static and media files by path and refuses everything else: no file on the
server outside them (file:///etc/passwd), no other host, no redirect.
"""

from __future__ import annotations

import base64
import mimetypes
import posixpath
from dataclasses import dataclass
from urllib.parse import quote, unquote, urljoin, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from home.api import PartnerLogo, ProgrammeSettings
from serbian.api import to_cyrillic, to_latin

from .data import CertificateStatus
from .models import Signatory
from .signing import pdf_sign, signing_fingerprint

PDF_VARIANT = "pdf/a-3b"


# --- What WeasyPrint may fetch ---------------------------------------------------------------


def document_base_url() -> str:
    """Relative addresses in the certificate's HTML (/static/…) resolve against our site."""
    return settings.CERTIFICATE_BASE_URL.rstrip("/") + "/"


class CertificateURLFetcher(URLFetcher):
    """data: URIs, and our own static and media files read by path from their storage (or
    the static finders, before collectstatic); nothing else. A refusal raises, which
    WeasyPrint reports as a warning and renders without the resource."""

    def __init__(self):
        super().__init__(allowed_protocols=("data",), allow_redirects=False)

    def fetch(self, url, headers=None):
        if urlsplit(url).scheme.lower() == "data":
            return super().fetch(url, headers)
        base = document_base_url()
        for prefix, opener in (
            (urljoin(base, settings.STATIC_URL), _static_file),
            (urljoin(base, settings.MEDIA_URL), _media_file),
        ):
            if url.startswith(prefix):
                name = _safe_name(unquote(urlsplit(url[len(prefix) :]).path))
                if name:
                    body = opener(name)
                    if body is not None:
                        content_type = mimetypes.guess_type(name)[0]
                        return URLFetcherResponse(
                            url,
                            body,
                            {"Content-Type": content_type or "application/octet-stream"},
                        )
        raise ValueError(f"Not fetched for a certificate (only our static and media files): {url}")


def _safe_name(name: str) -> str | None:
    """A relative path within a storage, or None ("..", absolute or empty)."""
    if not name or name.startswith("/") or "\\" in name:
        return None
    if ".." in name.split("/") or posixpath.normpath(name) != name:
        return None
    return name


def _static_file(name: str) -> bytes | None:
    if staticfiles_storage.exists(name):
        with staticfiles_storage.open(name, "rb") as handle:
            return handle.read()
    found = finders.find(name)
    if found:
        with open(found, "rb") as handle:
            return handle.read()
    return None


def _media_file(name: str) -> bytes | None:
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as handle:
        return handle.read()


def verification_url(code: str) -> str:
    """The short, stable URL the QR code carries (no language prefix: the site sends the
    visitor to their language)."""
    base = settings.CERTIFICATE_BASE_URL.rstrip("/")
    return f"{base}/certificates/verify/{code}/"


def qr_data_uri(url: str) -> str:
    """The QR code as an SVG data URI (vector: sharp at any print size).

    The mask pattern is fixed: choosing the "best" of eight costs three quarters of the
    encoding time, and every mask gives a valid code (a test reads it back with zbar)."""
    return segno.make(url, error="m", micro=False, mask=1).svg_data_uri(border=2, dark="#000")


def _image_data_uri(image) -> str | None:
    """A Wagtail image's original file as a data URI (works with any storage)."""
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            data = handle.read()
    except (FileNotFoundError, OSError):
        return None
    mime = mimetypes.guess_type(image.file.name)[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


LOGO_RENDITION = "max-360x120"  # 45 × 15 mm at 200 dpi: sharp in print, small in the file


def _logo_url(image) -> str | None:
    """A small rendition of a partner's logo, by its media URL: WeasyPrint reads it from
    our storage through `CertificateURLFetcher`. None without an image (or a readable
    file): the certificate then names the partner in text."""
    if image is None:
        return None
    try:
        rendition = image.get_rendition(LOGO_RENDITION)
    except OSError:  # a missing or unreadable file (SourceImageIOError): the name instead
        return None
    # By storage name under MEDIA_URL, not `rendition.url`: with object storage that is
    # another host, which the fetcher refuses; the fetcher reads the name from the storage.
    return settings.MEDIA_URL + quote(rendition.file.name)


@dataclass
class Design:
    """What every certificate shares: programme name, partners (`name`, and `src`, the
    URL of their logo or None), signatories."""

    programme_name: str
    short_name: str
    logos: list[dict]
    signatories: list[dict]


DESIGN_VERSION_KEY = "certificates:design-version"
_designs: dict[tuple[str, int], Design] = {}


def design_changed(**kwargs) -> None:
    """Receiver: programme settings, a partner logo, a signatory or an image changed. The
    version lives in the shared cache, so that every worker process notices."""
    if not cache.add(DESIGN_VERSION_KEY, 1, timeout=None):
        try:
            cache.incr(DESIGN_VERSION_KEY)
        except ValueError:
            cache.set(DESIGN_VERSION_KEY, 1, timeout=None)
    _designs.clear()


def design_for(*, language: str) -> Design:
    """The design, kept in this process until it changes (one cache read per certificate)."""
    version = cache.get(DESIGN_VERSION_KEY, 0)
    key = (language, version)
    design = _designs.get(key)
    if design is None:
        for stale in [k for k in _designs if k[1] != version]:
            del _designs[stale]
        design = _designs[key] = design_load(language=language)
    return design


def design_load(*, language: str) -> Design:
    site = Site.objects.filter(is_default_site=True).first()
    programme = ProgrammeSettings.for_site(site) if site else ProgrammeSettings()
    logos = [
        {"name": logo.name_for(language), "src": _logo_url(logo.logo)}
        for logo in PartnerLogo.objects.filter(settings=programme)
        .select_related("logo")
        .order_by("sort_order")
        if programme.pk
    ]
    signatories = [
        {
            "name": s.name,
            "title": (s.title_en or s.title) if language == "en" else _script(s.title, language),
            "signature": _image_data_uri(s.signature),
        }
        for s in Signatory.objects.filter(is_active=True).select_related("signature")
    ]
    return Design(
        programme_name=programme.name_for(language),
        short_name=programme.short_name_for(language),
        logos=logos,
        signatories=signatories,
    )


def _script(text: str, language: str) -> str:
    """Serbian text in the script of the certificate's language (English left alone)."""
    if language == "sr":
        return to_cyrillic(text)
    if language == "sr-latn":
        return to_latin(text)
    return text


def certificate_html(*, certificate, design: Design | None = None) -> str:
    """The final HTML WeasyPrint draws."""
    design = design or design_for(language=certificate.language)
    url = verification_url(certificate.code)
    with translation.override(certificate.language):
        return render_to_string(
            "certificates/pdf.html",
            {
                "certificate": certificate,
                "design": design,
                "verify_url": url,
                "qr": qr_data_uri(url),
                "language": certificate.language,
                "revoked_word": str(CertificateStatus.REVOKED.label).upper(),
            },
        )


def pdf_from_html(html: str) -> bytes:
    """WeasyPrint alone: HTML → PDF/A-3b bytes."""
    return HTML(
        string=html, base_url=document_base_url(), url_fetcher=CertificateURLFetcher()
    ).write_pdf(pdf_variant=PDF_VARIANT)


@dataclass(frozen=True)
class CertificatePdf:
    data: bytes
    signed_by: str  # the signing certificate's SHA-256 fingerprint; empty if unsigned


def certificate_pdf(*, certificate, design: Design | None = None) -> CertificatePdf:
    """The certificate's PDF as it is handed out: drawn by WeasyPrint, then signed with the
    issuer's key (certificates.signing: an incremental update, so the PDF/A stays as drawn).
    Raises `SigningNotConfigured` where signing is required and no key is configured."""
    pdf = pdf_from_html(certificate_html(certificate=certificate, design=design))
    with translation.override(certificate.language):
        reason = _("Certificate %(serial)s, verification code %(code)s") % {
            "serial": certificate.serial,
            "code": certificate.code,
        }
    signed = pdf_sign(pdf, reason=reason)
    return CertificatePdf(data=signed, signed_by=signing_fingerprint() if signed is not pdf else "")


def course_title_in(*, course, language: str) -> str:
    """The course's title in the certificate's language: the English translation for
    English, the Serbian page (in Cyrillic or Latin script) otherwise."""
    if language == "en":
        locale = Locale.objects.filter(language_code="en").first()
        translation_page = course.get_translation_or_none(locale) if locale else None
        return (translation_page or course).title
    return _script(course.title, language)


def institution_name_in(*, institution, language: str) -> str:
    if institution is None:
        return ""
    if language == "en":
        return institution.name_en or institution.name_sr
    return _script(institution.name_sr or institution.name_en, language)
