"""WeasyPrint fetches nothing for a certificate but our own static and media files: not a
file elsewhere on the server, not another host (a template or content that names one gets the
PDF without it)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

from certificates.rendering import CertificateURLFetcher, pdf_from_html

pytestmark = pytest.mark.django_db

PNG_1PX = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


@pytest.fixture
def outside_server():
    """A web server on another address that records every request it gets."""
    requests = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG_1PX)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("SECRET-MARKER-7f3a\n")
    return path


def attachments(pdf: bytes) -> dict:
    return PdfReader(BytesIO(pdf)).attachments


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://evil.example/logo.png",
        "https://evil.example/static/certificates/fonts/DejaVuSans.ttf",
        "http://testserver/admin/",  # our host, but not a static or media file
        "http://testserver/static/../../etc/passwd",
        "http://testserver/static/%2e%2e/%2e%2e/etc/passwd",
        "http://testserver/media/../../etc/passwd",
        "ftp://testserver/static/certificates/fonts/DejaVuSans.ttf",
    ],
)
def test_fetcher_refuses_everything_but_our_files(url):
    with pytest.raises(ValueError, match="Not fetched|disallowed"):
        CertificateURLFetcher().fetch(url)


def test_fetcher_serves_our_static_files_media_files_and_data_uris(settings):
    fetcher = CertificateURLFetcher()
    font = fetcher.fetch("http://testserver/static/certificates/fonts/DejaVuSans.ttf")
    assert font.read()[:4] == b"\x00\x01\x00\x00"  # a TrueType font
    name = default_storage.save("images/logo.png", ContentFile(PNG_1PX))
    assert fetcher.fetch(f"http://testserver/media/{name}").read() == PNG_1PX
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


def test_pdf_of_a_template_naming_outside_resources_fetches_none_of_them(
    outside_server, secret_file
):
    base, requests = outside_server
    html = f"""<!DOCTYPE html><html><head>
      <link rel="stylesheet" href="{base}/style.css">
      <link rel="attachment" href="{secret_file.as_uri()}">
      <link rel="attachment" href="file:///etc/passwd">
      </head><body><p>Certificate</p>
      <img src="{base}/logo.png"><img src="file:///etc/passwd">
      <p style="background: url('{base}/background.png')">x</p>
      </body></html>"""
    pdf = pdf_from_html(html)
    assert requests == []
    assert attachments(pdf) == {}
    assert b"SECRET-MARKER-7f3a" not in pdf and b"root:x:" not in pdf


def test_pdf_still_embeds_our_own_static_and_media_files(outside_server):
    name = default_storage.save("images/seal.png", ContentFile(PNG_1PX))
    html = f"""<!DOCTYPE html><html><body>
      <img src="/media/{name}" style="width: 2cm">
      <link rel="attachment" href="/static/certificates/fonts/LICENSE-DejaVu.txt">
      </body></html>"""
    pdf = pdf_from_html(html)
    assert list(attachments(pdf)) == ["LICENSE-DejaVu.txt"]
    assert b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


def test_certificate_fonts_still_come_from_our_static_files():
    pdf = pdf_from_html(
        """<!DOCTYPE html><html><head><style>
        @font-face { font-family: "Cert Sans";
                     src: url("/static/certificates/fonts/DejaVuSans.ttf"); }
        body { font-family: "Cert Sans"; }</style></head><body>Ђорђе</body></html>"""
    )
    fonts = PdfReader(BytesIO(pdf)).pages[0]["/Resources"]["/Font"]
    # Named after the @font-face family: the font file was fetched (a refusal falls back to
    # a system font, named after itself).
    assert [str(ref.get_object()["/BaseFont"]).split("+")[-1] for ref in fonts.values()] == [
        "Cert-Sans"
    ]
