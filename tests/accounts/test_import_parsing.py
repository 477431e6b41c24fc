import io
import zipfile

import pytest
from django.utils import translation

from accounts import import_files
from accounts.import_files import (
    MAX_XLSX_UNCOMPRESSED_BYTES,
    ImportFileRefused,
    import_file_read,
    import_template_csv,
)
from tests.accounts.import_samples import (
    INSTITUTION_HEADER,
    USER_HEADER,
    csv_bytes,
    institution_row,
    user_row,
    xlsx_bytes,
)


@pytest.fixture(autouse=True)
def english():
    """The refusals below are checked word for word, in the language they are written in."""
    with translation.override("en"):
        yield


def read(data: bytes, *, name="import.csv", kind="institutions", size=None):
    return import_file_read(
        file=io.BytesIO(data), name=name, size=len(data) if size is None else size, kind=kind
    )


def refusal(data: bytes, **kwargs) -> str:
    with pytest.raises(ImportFileRefused) as caught:
        read(data, **kwargs)
    return str(caught.value)


def test_comma_separated_csv_is_read_into_rows_with_their_line_numbers():
    rows = read(csv_bytes([INSTITUTION_HEADER, institution_row("PS-1"), institution_row("PS-2")]))
    assert [row.line for row in rows] == [2, 3]
    assert rows[0].values == {
        "code": "PS-1",
        "parent_code": "MUP",
        "name_sr": "Stanica PS-1",
        "name_en": "Station PS-1",
        "kind": "police_station",
        "region": "",
    }


def test_semicolon_separated_csv_is_detected():
    data = csv_bytes([USER_HEADER, user_row("a@example.org")], delimiter=";")
    rows = read(data, kind="users")
    assert rows[0].values["email"] == "a@example.org"
    assert rows[0].values["institution_code"] == "PS-BG-1"


def test_semicolon_file_keeps_commas_inside_values():
    data = "code;parent_code;name_sr;name_en;kind\nX;MUP;Sud, Beograd;Court, Belgrade;other\n"
    rows = read(data.encode())
    assert rows[0].values["name_sr"] == "Sud, Beograd"


def test_byte_order_mark_does_not_become_part_of_the_first_column():
    rows = read(csv_bytes([INSTITUTION_HEADER, institution_row("PS-1")], bom=True))
    assert rows[0].values["code"] == "PS-1"


def test_header_ignores_case_and_spaces_and_optional_columns_may_be_left_out():
    data = " First_Name , LAST_NAME,email,institution_code,profession\nAna,Ilić,a@x.org,MUP,judge\n"
    rows = read(data.encode(), kind="users")
    assert rows[0].values == {
        "first_name": "Ana",
        "last_name": "Ilić",
        "email": "a@x.org",
        "institution_code": "MUP",
        "profession": "judge",
    }


def test_blank_lines_are_skipped_and_line_numbers_stay_those_of_the_file():
    data = csv_bytes(
        [INSTITUTION_HEADER, institution_row("A"), [""], [",,,"], institution_row("B")]
    )
    assert [row.line for row in read(data)] == [2, 5]


def test_row_with_a_value_over_several_lines_is_numbered_by_its_first_line():
    data = (
        "code,parent_code,name_sr,name_en,kind\n"
        'A,MUP,"Dva\nreda",Two lines,other\n'
        "B,MUP,Jedan,One,other\n"
    )
    rows = read(data.encode())
    assert [row.line for row in rows] == [2, 4]
    assert rows[0].values["name_sr"] == "Dva\nreda"


def test_serbian_letters_in_both_scripts_survive():
    rows = read(csv_bytes([INSTITUTION_HEADER, institution_row("A", name="Основни суд Ниш")]))
    assert rows[0].values["name_sr"] == "Основни суд Ниш"


def test_values_beyond_the_last_column_are_counted():
    rows = read(csv_bytes([INSTITUTION_HEADER, [*institution_row("A"), "surplus", ""]]))
    assert rows[0].extra_values == 1


def test_malformed_utf8_is_refused_naming_its_line():
    data = csv_bytes([INSTITUTION_HEADER, institution_row("A")]) + b"B,MUP,Ni\xe8,Nis,other\r\n"
    message = refusal(data)
    assert "UTF-8" in message
    assert "line 3" in message


@pytest.mark.parametrize("name", ["import.xls", "import.txt", "import", "import.csv.exe"])
def test_file_that_is_neither_csv_nor_xlsx_is_refused(name):
    message = refusal(csv_bytes([INSTITUTION_HEADER, institution_row("A")]), name=name)
    assert ".csv or .xlsx" in message


@pytest.mark.parametrize("data", [b"", b"\r\n\r\n", b"\xef\xbb\xbf", b",,,\n"])
def test_empty_file_is_refused(data):
    assert "empty" in refusal(data)


def test_header_without_rows_is_refused():
    assert "no rows" in refusal(csv_bytes([INSTITUTION_HEADER]))


def test_missing_column_is_refused_naming_it():
    message = refusal(csv_bytes([["code", "name_sr", "name_en", "kind"], ["A", "a", "a", "other"]]))
    assert "missing columns: parent_code" in message


def test_unknown_column_is_refused_naming_it():
    message = refusal(csv_bytes([[*INSTITUTION_HEADER, "phone"], [*institution_row("A"), "1"]]))
    assert "unknown columns: phone" in message


def test_repeated_column_is_refused():
    message = refusal(csv_bytes([[*INSTITUTION_HEADER, "code"], [*institution_row("A"), "B"]]))
    assert "repeated columns: code" in message


def test_user_columns_are_refused_in_an_institutions_file():
    message = refusal(csv_bytes([USER_HEADER, user_row("a@example.org")]), kind="institutions")
    assert "unknown columns" in message


def test_file_declared_larger_than_5_mb_is_refused_without_reading_it():
    assert "larger than 5 MB" in refusal(b"code\n", size=5 * 1024 * 1024 + 1)


def test_file_larger_than_5_mb_is_refused_even_if_its_declared_size_is_small():
    data = csv_bytes([INSTITUTION_HEADER]) + b"x" * (5 * 1024 * 1024)
    assert "larger than 5 MB" in refusal(data, size=100)


def test_more_than_20000_rows_are_refused():
    lines = [",".join(INSTITUTION_HEADER)] + ["A,MUP,a,a,other,"] * 20_001
    assert "more than 20,000 rows" in refusal("\n".join(lines).encode())


def test_exactly_20000_rows_are_read():
    lines = [",".join(INSTITUTION_HEADER)] + ["A,MUP,a,a,other,"] * 20_000
    assert len(read("\n".join(lines).encode())) == 20_000


def test_xlsx_is_read_with_row_numbers_and_numbers_as_text():
    data = xlsx_bytes(
        [INSTITUTION_HEADER, [1234, "MUP", "Sud", "Court", "other", None], [], institution_row("B")]
    )
    rows = read(data, name="Institutions.XLSX")
    assert [row.line for row in rows] == [2, 4]
    assert rows[0].values["code"] == "1234"
    assert rows[0].values["region"] == ""


def test_xlsx_that_is_not_a_zip_is_refused():
    assert "not a valid Excel workbook" in refusal(b"name,email\n", name="import.xlsx")


def test_zip_without_a_workbook_inside_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert "not a valid Excel workbook" in refusal(buffer.getvalue(), name="import.xlsx")


def test_xlsx_zip_bomb_is_refused_before_the_workbook_is_opened(monkeypatch):
    """A small upload whose sheet unpacks to more than the cap is refused unopened."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"<row><c><v>0</v></c></row>" * 40_000
            written = 0
            while written <= MAX_XLSX_UNCOMPRESSED_BYTES:
                sheet.write(chunk)
                written += len(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024

    def must_not_open(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("openpyxl.load_workbook", must_not_open)
    assert "unpacks to more than 50 MB" in refusal(data, name="bomb.xlsx")


def test_template_lists_every_column_and_reads_back_once_filled_in():
    template = import_template_csv(kind="users")
    assert template.startswith("\ufeff")
    assert template.strip("\ufeff\r\n").split(",") == USER_HEADER
    filled = template.encode() + ",".join(user_row("a@example.org")).encode()
    assert read(filled, kind="users")[0].values["email"] == "a@example.org"


def test_limits_are_those_announced_on_the_upload_page():
    assert import_files.MAX_FILE_BYTES == 5 * 1024 * 1024
    assert import_files.MAX_ROWS == 20_000
