"""kyodo.downloads: the file name header, and file, Excel and CSV responses that one bad cell cannot break."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest
from django.http import HttpResponse
from django.views.decorators.http import require_POST
from openpyxl import load_workbook

from kyodo.access import require_perm
from kyodo.downloads import (
    CSV,
    XLSX,
    Column,
    content_disposition,
    csv_response,
    download,
    file_response,
    xlsx_response,
)


def _parts(header: str) -> tuple[str, str, str]:
    kind, fallback, encoded = header.split("; ")
    assert fallback.startswith('filename="') and fallback.endswith('"')
    assert encoded.startswith("filename*=UTF-8''")
    return kind, fallback[len('filename="'):-1], unquote(encoded.removeprefix("filename*=UTF-8''"))


def test_a_japanese_name_gets_an_ascii_fallback_and_its_rfc5987_form():
    header = content_disposition("見積書.pdf")
    assert header == "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8.pdf"
    assert _parts(content_disposition("あおば地域協働体_交付申請書_20240401.pdf"))[1:] == (
        "20240401.pdf", "あおば地域協働体_交付申請書_20240401.pdf")


def test_an_ascii_name_is_its_own_fallback_and_inline_is_possible():
    assert content_disposition("grants-ledger-activity-2023.xlsx") == (
        "attachment; filename=\"grants-ledger-activity-2023.xlsx\"; "
        "filename*=UTF-8''grants-ledger-activity-2023.xlsx")
    assert content_disposition("a.pdf", inline=True).startswith("inline; ")


def test_an_explicit_fallback_is_kept_when_it_is_safe():
    header = content_disposition("あおば_交付申請書.pdf", fallback="application-12-application.pdf")
    assert _parts(header)[1] == "application-12-application.pdf"
    assert _parts(content_disposition("報告.pdf", fallback='../"x"\r\n.pdf'))[1] == "x.pdf"


@pytest.mark.parametrize(("name", "real"), [
    ('見積"書".pdf', '見積"書".pdf'),
    ("../../etc/passwd", "_.._etc_passwd"),
    ("..\\..\\Windows\\win.ini", "_.._Windows_win.ini"),
    ("報告書\r\nSet-Cookie: a=1.pdf", "報告書Set-Cookie: a=1.pdf"),
    ("\u202egpj.exe", "gpj.exe"),
    ("\x00\x07名簿.csv", "名簿.csv"),
    ("", "attachment"),
])
def test_no_quote_path_separator_or_control_character_gets_through(name, real):
    header = content_disposition(name)
    assert header.isascii() and "\r" not in header and "\n" not in header
    assert "/" not in header and "\\" not in header
    _kind, fallback, decoded = _parts(header)
    assert '"' not in fallback and "/" not in decoded and "\\" not in decoded
    assert not any(ord(char) < 32 or 0x202A <= ord(char) <= 0x202E for char in decoded)
    assert decoded == real


@pytest.mark.parametrize("order", ["download outside", "download inside"])
def test_the_download_mark_survives_the_access_decorators_in_either_order(order):
    def view(request):
        return HttpResponse()

    if order == "download outside":
        decorated = download(require_perm("grants.view_grants")(require_POST(view)))
    else:
        decorated = require_POST(require_perm("grants.view_grants")(download(view)))
    assert decorated.is_download is True
    assert str(decorated.access_policy) == "perm:grants.view_grants"


def test_a_file_response_streams_a_file_or_sends_bytes_as_a_download():
    sent = file_response(b"%PDF-1.4", filename="通知.pdf", content_type="application/pdf")
    assert sent.content == b"%PDF-1.4"
    streamed = file_response(io.BytesIO(b"data"), filename="a.bin", content_type="application/octet-stream")
    assert b"".join(streamed.streaming_content) == b"data"
    for response in (sent, streamed):
        assert response["Content-Disposition"].startswith("attachment; ")
        assert response["X-Content-Type-Options"] == "nosniff" and response["Cache-Control"] == "no-store"


def test_a_csv_has_a_bom_crlf_line_ends_and_safe_cells():
    rows = iter([["=1+1", 12_000, None], ["会議\x00費", -5, "一行目\n二行目"]])
    response = csv_response(rows, filename="一覧.csv", header=["名前", Column("金額(円)", is_yen=True), "備考"])
    assert response["Content-Type"] == CSV
    assert response["Content-Disposition"].startswith("attachment; filename=\"attachment.csv\"")
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")
    text = body.decode("utf-8-sig")
    assert text == "名前,金額(円),備考\r\n'=1+1,12000,\r\n会議費,-5,\"一行目\n二行目\"\r\n"


def _workbook(response):
    assert response["Content-Type"] == XLSX
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_an_xlsx_has_a_bold_frozen_filtered_header_and_yen_columns():
    response = xlsx_response(
        [["あおば", 120_000], ["=HYPERLINK(1)", 5]], filename="台帳.xlsx", sheet_title="台帳",
        header=["地域協働体", Column("交付決定額(円)", is_yen=True)],
        above=[["令和5年度 補助金台帳"]], below=[["合計", 120_005]],
    )
    sheet = _workbook(response).active
    assert sheet.title == "台帳"
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["令和5年度 補助金台帳", None], ["地域協働体", "交付決定額(円)"], ["あおば", 120_000],
        ["'=HYPERLINK(1)", 5], ["合計", 120_005]]
    assert sheet["A2"].font.bold and sheet["B2"].font.bold and not sheet["A3"].font.bold
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == "A2:B4"
    assert [sheet[cell].number_format for cell in ("B3", "B4", "B5")] == ["#,##0"] * 3
    assert sheet["A3"].number_format == "General"


def test_a_title_with_a_control_character_no_longer_breaks_the_export():
    response = xlsx_response(
        (["題名\x0b\x1b改行\x00", n] for n in range(1, 3)), filename="a.xlsx", header=["題名", "n"],
    )
    rows = list(_workbook(response).active.iter_rows(values_only=True))
    assert rows == [("題名", "n"), ("題名改行", 1), ("題名改行", 2)]


def test_a_public_download_is_marked_as_such_and_a_plain_one_is_not():
    def view(request):
        return HttpResponse()

    def other(request):
        return HttpResponse()

    marked = require_POST(download(public=True)(view))
    assert marked.is_download is True and marked.is_public_download is True
    plain = download(other)
    assert plain.is_download is True and plain.is_public_download is False
