"""The programme's partners on the certificate: each partner's logo (a small rendition read
from our media storage through the certificate's URL fetcher, its name as alt text), or its
name where no logo was uploaded. The demo's four partners have no logo images."""

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
import wagtail_factories
from pypdf import PdfReader
from wagtail.models import Site

from accounts.factories import UserFactory
from certificates.api import certificate_issue
from certificates.rendering import certificate_html
from home.models import PartnerLogo, ProgrammeSettings

from .conftest import complete_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(db):
    return ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))


def _issue(course, **user_fields):
    return certificate_issue(
        enrolment=complete_course(user=UserFactory(**user_fields), course=course)
    )


def _pdf_bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def _text(pdf: bytes) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(  # noqa: S603 - a fixed local tool on our own file
            [shutil.which("pdftotext"), str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    return " ".join(out.split())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_four_partners_without_logo_images_are_named_on_the_certificate(course, programme):
    for order, name in enumerate(("IOM", "UNHCR", "UNODC", "Vlada Republike Srbije")):
        PartnerLogo.objects.create(settings=programme, name=name, sort_order=order)
    text = _text(_pdf_bytes(_issue(course)))
    assert "IOM UNHCR UNODC Vlada Republike Srbije" in text


def test_a_partners_logo_is_a_small_rendition_from_our_media_with_its_name_as_alt(
    course, programme
):
    big = wagtail_factories.ImageFactory(file__width=2400, file__height=800, file__color="blue")
    PartnerLogo.objects.create(settings=programme, name="IOM", logo=big, sort_order=0)
    PartnerLogo.objects.create(settings=programme, name="UNODC", sort_order=1)
    certificate = _issue(course)
    html = certificate_html(certificate=certificate)
    assert 'alt="IOM"' in html
    assert 'src="/media/images/' in html  # read by CertificateURLFetcher, not inlined
    assert "data:image/png" not in html
    page = PdfReader(io.BytesIO(_pdf_bytes(certificate))).pages[0]
    [logo] = list(page.images)
    assert logo.image.width <= 360
    assert logo.image.height <= 120


def test_a_logo_whose_file_is_gone_leaves_the_partners_name(course, programme):
    image = wagtail_factories.ImageFactory(file__width=120, file__height=60)
    image.file.storage.delete(image.file.name)
    PartnerLogo.objects.create(settings=programme, name="UNHCR", logo=image, sort_order=0)
    html = certificate_html(certificate=_issue(course))
    assert '<span class="partner">UNHCR</span>' in html


def test_partner_names_follow_the_certificates_script(course, programme):
    PartnerLogo.objects.create(settings=programme, name="Vlada Republike Srbije", sort_order=0)
    html = certificate_html(certificate=_issue(course, preferred_language="sr"))
    assert "Влада Републике Србије" in html
