"""The certificate's PDF: HTML from a template, drawn by WeasyPrint as PDF/A-3b.

Everything the PDF shows is in the HTML itself (fonts from this app's folder, images and
the QR code as data URIs), so nothing is fetched while rendering and the output depends
only on the certificate, the programme settings and the signatories.
"""

from __future__ import annotations

import base64
import mimetypes
from dataclasses import dataclass
from pathlib import Path

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
PDF_VARIANT = "pdf/a-3b"


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


@dataclass
class Design:
    """What every certificate shares: programme name, partner logos, signatories."""

    programme_name: str
    short_name: str
    logos: list[dict]
    signatories: list[dict]


DESIGN_VERSION_KEY = "certificates:design-version"
_designs: dict[tuple[str, int], Design] = {}


def design_changed(**kwargs) -> None:
    """Receiver: programme settings, a partner logo, a signatory or an image changed. The
    version lives in the shared cache, so that every worker process notices."""
    from django.core.cache import cache

    if not cache.add(DESIGN_VERSION_KEY, 1, timeout=None):
        try:
            cache.incr(DESIGN_VERSION_KEY)
        except ValueError:
            cache.set(DESIGN_VERSION_KEY, 1, timeout=None)
    _designs.clear()


def design_for(*, language: str) -> Design:
    """The design, kept in this process until it changes (one cache read per certificate)."""
    from django.core.cache import cache

    version = cache.get(DESIGN_VERSION_KEY, 0)
    key = (language, version)
    design = _designs.get(key)
    if design is None:
        for stale in [k for k in _designs if k[1] != version]:
            del _designs[stale]
        design = _designs[key] = design_load(language=language)
    return design


def design_load(*, language: str) -> Design:
    from wagtail.models import Site

    from home.models import PartnerLogo, ProgrammeSettings

    from .models import Signatory

    site = Site.objects.filter(is_default_site=True).first()
    programme = ProgrammeSettings.for_site(site) if site else ProgrammeSettings()
    logos = [
        {"name": logo.name, "src": _image_data_uri(logo.logo)}
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
        programme_name=_script(programme.programme_name, language),
        short_name=_script(programme.short_name, language),
        logos=[logo for logo in logos if logo["src"]],
        signatories=signatories,
    )


def _script(text: str, language: str) -> str:
    """Serbian text in the script of the certificate's language (English left alone)."""
    from serbian.transliteration import to_cyrillic, to_latin

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
                "fonts_dir": FONTS_DIR.as_uri(),
                "language": certificate.language,
            },
        )


def pdf_from_html(html: str) -> bytes:
    """WeasyPrint alone: HTML → PDF/A-3b bytes."""
    from weasyprint import HTML

    return HTML(string=html, base_url=str(FONTS_DIR)).write_pdf(pdf_variant=PDF_VARIANT)


def course_title_in(*, course, language: str) -> str:
    """The course's title in the certificate's language: the English translation for
    English, the Serbian page (in Cyrillic or Latin script) otherwise."""
    if language == "en":
        from wagtail.models import Locale

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
