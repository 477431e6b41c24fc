"""The PDF itself: text, metadata, PDF/A, fonts and a QR code that decodes to the
verification address."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from accounts.factories import UserFactory
from certificates.api import certificate_issue
from certificates.rendering import verification_url

from .conftest import complete_course

pytestmark = pytest.mark.django_db


def _pdf(certificate) -> PdfReader:
    with certificate.pdf.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def _text(certificate) -> str:
    return "\n".join(page.extract_text() for page in _pdf(certificate).pages)


def _issue_for(course, **user_fields):
    user = UserFactory(**user_fields)
    return certificate_issue(enrolment=complete_course(user=user, course=course))


def test_text_holds_name_serial_and_code(course, tree):
    certificate = _issue_for(
        course, first_name="Ljiljana", last_name="Đorđević", institution=tree["station_bg"]
    )
    text = _text(certificate)
    assert "Ljiljana Đorđević" in text
    assert certificate.serial in text
    assert certificate.code in text
    assert "Prepoznavanje trgovine ljudima" in text


@pytest.mark.parametrize(
    "first_name,last_name",
    [("Ђорђе", "Љубичић"), ("Љиљана", "Његош"), ("Đorđe", "Šćepanović"), ("Ljiljana", "Džajić")],
)
def test_names_in_either_script_come_out_exactly_as_in_the_profile(course, first_name, last_name):
    certificate = _issue_for(course, first_name=first_name, last_name=last_name)
    assert f"{first_name} {last_name}" in _text(certificate)


def test_every_font_is_embedded(course):
    reader = _pdf(_issue_for(course, first_name="Ђорђе", last_name="Đorđević"))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    assert fonts
    for ref in fonts.values():
        descriptor = ref.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


def test_cyrillic_interface_language_prints_the_course_title_in_cyrillic(course):
    certificate = _issue_for(course, preferred_language="sr")
    assert certificate.course_title == "Препознавање трговине људима"
    assert "Препознавање трговине људима" in _text(certificate)


def test_latin_interface_language_keeps_the_latin_title(course):
    certificate = _issue_for(course, preferred_language="sr-latn")
    assert certificate.course_title == "Prepoznavanje trgovine ljudima"


def test_english_learner_gets_the_english_translation_of_the_title(course):
    from wagtail.models import Locale

    english = Locale.objects.get_or_create(language_code="en")[0]
    translation = course.copy_for_translation(english, copy_parents=True)
    translation.title = "Recognising trafficking in human beings"
    translation.save_revision().publish()
    certificate = _issue_for(course, preferred_language="en")
    assert certificate.course_title == "Recognising trafficking in human beings"
    assert "Certificate of completion" in _text(certificate)


def test_pdf_is_a4_landscape(course):
    box = _pdf(_issue_for(course)).pages[0].mediabox
    # A4 is 297 × 210 mm = 841.9 × 595.3 pt.
    assert round(float(box.width)) == 842
    assert round(float(box.height)) == 595


def test_pdf_declares_pdf_a_3b_with_title_author_and_language(course):
    certificate = _issue_for(course, preferred_language="sr")
    reader = _pdf(certificate)
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.get_element("", "http://www.aiim.org/pdfa/ns/id/", "part")  # pdfaid:part
    raw = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in raw or "<pdfaid:part>3</pdfaid:part>" in raw
    assert 'pdfaid:conformance="B"' in raw or "<pdfaid:conformance>B</pdfaid:conformance>" in raw
    info = reader.metadata
    assert certificate.serial in info.title
    assert info.author
    assert reader.trailer["/Root"]["/Lang"] == "sr-Cyrl"


PDFTOPPM, ZBARIMG = shutil.which("pdftoppm"), shutil.which("zbarimg")


@pytest.mark.skipif(
    not (PDFTOPPM and ZBARIMG),
    reason="needs zbarimg (zbar-tools) and pdftoppm (poppler-utils); .ci/run installs both",
)
def test_qr_code_on_the_printed_page_decodes_to_the_verification_address(course, tmp_path):
    certificate = _issue_for(course)
    pdf_path = Path(tmp_path) / "certificate.pdf"
    with certificate.pdf.open("rb") as handle:
        pdf_path.write_bytes(handle.read())
    # Rasterise the page as a printer would (150 dpi), then read it as a phone would.
    subprocess.run(  # noqa: S603
        [PDFTOPPM, "-r", "150", "-png", "-singlefile", str(pdf_path), str(tmp_path / "page")],
        check=True,
    )
    result = subprocess.run(  # noqa: S603
        [ZBARIMG, "--quiet", "--raw", str(tmp_path / "page.png")],
        check=True,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == verification_url(certificate.code)
    assert result.stdout.strip() == f"http://testserver/certificates/verify/{certificate.code}/"


def test_programme_name_signatories_and_partner_logos_come_from_the_admin(course):
    import wagtail_factories
    from wagtail.models import Site

    from certificates.models import Signatory
    from home.models import PartnerLogo, ProgrammeSettings

    programme = ProgrammeSettings.for_site(Site.objects.get(is_default_site=True))
    programme.programme_name = "Jačanje odgovora na trgovinu ljudima"
    programme.save()
    PartnerLogo.objects.create(
        settings=programme,
        name="IOM",
        logo=wagtail_factories.ImageFactory(file__color="blue", file__width=120),
        sort_order=0,
    )
    Signatory.objects.create(
        name="Ana Anić",
        title="Koordinatorka programa",
        signature=wagtail_factories.ImageFactory(file__color="black", file__width=90),
    )
    Signatory.objects.create(name="Hidden Person", title="Former", is_active=False)
    certificate = _issue_for(course, preferred_language="sr-latn")
    text = _text(certificate)
    assert "Jačanje odgovora na trgovinu ljudima" in text
    assert "Ana Anić" in text
    assert "Koordinatorka programa" in text
    assert "Hidden Person" not in text
    images = list(_pdf(certificate).pages[0].images)
    assert len(images) >= 2  # the partner's logo and the signature


def test_cyrillic_certificate_transliterates_programme_name_and_signatory_title(course):
    from certificates.models import Signatory

    Signatory.objects.create(name="Ana Anić", title="Koordinatorka programa")
    text = _text(_issue_for(course, preferred_language="sr"))
    assert "Координаторка програма" in text
    assert "Ana Anić" in text  # a person's name is printed as written


def test_a_new_signatory_appears_on_the_next_certificate_at_once(course):
    from certificates.models import Signatory

    first = _issue_for(course)
    assert "Marko Marković" not in _text(first)
    signatory = Signatory.objects.create(name="Marko Marković", title="Direktor")
    assert "Marko Marković" in _text(_issue_for(course))
    signatory.delete()
    assert "Marko Marković" not in _text(_issue_for(course))
