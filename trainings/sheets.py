"""The printable sign-in sheet of a session: a PDF (WeasyPrint, through certificates' face)
listing the confirmed participants, each name in the script the person wrote it."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from certificates.api import pdf_from_html

from .selectors import attendance_sheet


def sign_in_sheet_pdf(*, session) -> bytes:
    html = render_to_string(
        "trainings/sign_in_sheet.html",
        {
            "session": session,
            "training": session.training,
            "rows": attendance_sheet(session),
            "printed_at": timezone.now(),
        },
    )
    return pdf_from_html(html)
