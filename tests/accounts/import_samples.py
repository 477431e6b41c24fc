"""Sample import files for the bulk-onboarding tests."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

INSTITUTION_HEADER = ["code", "parent_code", "name_sr", "name_en", "kind", "region"]
USER_HEADER = [
    "first_name",
    "last_name",
    "email",
    "institution_code",
    "profession",
    "preferred_language",
]


def csv_bytes(rows, *, delimiter=",", bom=False) -> bytes:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8")


def csv_upload(rows, *, name="import.csv", delimiter=",", bom=False) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, csv_bytes(rows, delimiter=delimiter, bom=bom), "text/csv")


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_upload(rows, *, name="import.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(
        name,
        xlsx_bytes(rows),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def institution_row(code, parent_code="MUP", *, name=None, kind="police_station", region=""):
    name = name or f"Stanica {code}"
    return [code, parent_code, name, f"Station {code}", kind, region]


def user_row(email, institution_code="PS-BG-1", *, profession="police_officer", language=""):
    return ["Milica", "Jovanović", email, institution_code, profession, language]
