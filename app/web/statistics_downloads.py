"""CSV and XLSX downloads of a statistics table: the very rows the page shows, small counts
hidden the same way."""

from __future__ import annotations

import csv
import io

from flask import Response
from openpyxl import Workbook

from app.web.statistics_tables import StatTable

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def as_csv(table: StatTable) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(table.headings)
    writer.writerows(table.rows)
    # With a byte-order mark, spreadsheet programs read the Chinese and Korean right.
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def as_xlsx(table: StatTable) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = table.name[:31]
    sheet.append([table.caption])
    sheet.append(table.headings)
    for row in table.rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def download(table: StatTable, fmt: str, stem: str) -> Response:
    body, mimetype = (as_csv(table), "text/csv; charset=utf-8") if fmt == "csv" \
        else (as_xlsx(table), XLSX_TYPE)
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    response.headers["Cache-Control"] = "no-store"
    return response
