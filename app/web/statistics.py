"""Statistics (统计) for county and province managers: figures of their own area, read from the
summary `flask refresh-statistics` keeps (from the replica when READ_DATABASE_URL is set).

Every page and download is audited; small counts are hidden outside the county's own staff
(app.domain.access.policies.sees_small_counts); anyone outside the area gets 404.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from werkzeug.wrappers import Response

from app.database import get_read_session, get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.calendar import deadlines
from app.domain.clock import today_in_china
from app.domain.models import Account, Channel, Role
from app.domain.statistics.report import (
    combined,
    counties_in,
    equal_share_of_province_target,
    parse_month,
    places,
    previous_month,
    read_figures,
)
from app.web.access import require_account, staff_only
from app.web.areas import area_name
from app.web.forms.statistics import month_form, month_label
from app.web.statistics_allowance_tables import allowance_tables
from app.web.statistics_downloads import FORMATS, download
from app.web.statistics_tables import (
    StatTable,
    counties_table,
    decisions_table,
    made_by_table,
    refusals_table,
    sent_table,
    states_table,
    targets_table,
)

statistics = Blueprint("statistics", __name__, url_prefix="/statistics")
READERS = (Role.STATISTICS, Role.ADMIN)


def _month_or_404() -> str:
    month = parse_month(request.args.get("month"), today_in_china())
    if month is None:
        abort(404)
    return month


def _area_or_404(me: Account, code: str, *, county: bool) -> str:
    if not policies.can_view_statistics(me, code) or (county and not deadlines.is_county(code)):
        abort(404)
    return code


def _audit(me: Account, action: AuditAction, **detail: str) -> None:
    db = get_session()  # the audit log is written to the primary, never to a replica
    record_access(db, actor=me, action=action, channel=Channel.OFFICE, detail=detail)
    db.commit()


def _overview_tables(me: Account, month: str) -> list[StatTable]:
    area = me.area_code or ""
    counties = counties_in(area)
    db = get_read_session()
    codes = [county.code for county in counties]
    figures = read_figures(db, codes, month)
    before = combined(list(read_figures(db, codes, previous_month(month)).values()))
    return [counties_table(counties, figures, before, place=area_name(area), month=month,
                           small_ok=lambda code: policies.sees_small_counts(me, code))]


def _county_tables(me: Account, county_code: str, month: str) -> list[StatTable]:
    db = get_read_session()
    figures = read_figures(db, [county_code], month)[county_code]
    before = read_figures(db, [county_code], previous_month(month))[county_code]
    small_ok = policies.sees_small_counts(me, county_code)
    place = area_name(county_code)
    year = int(month[:4])
    return [sent_table(figures, place, month, small_ok),
            made_by_table(figures, place, month, small_ok),
            decisions_table(figures, before, place, month, small_ok),
            states_table(figures, small_ok),
            refusals_table(figures, place, month, small_ok),
            targets_table(figures, year=year, places=places(db, [county_code], year),
                          equal_share=equal_share_of_province_target(), small_ok=small_ok),
            *allowance_tables(figures, month, small_ok)]


@statistics.get("/")
@staff_only(*READERS)
def overview() -> str:
    me = require_account()
    area = _area_or_404(me, me.area_code or "", county=False)
    month = _month_or_404()
    tables = _overview_tables(me, month)
    _audit(me, AuditAction.STATISTICS_VIEW, area_code=area, month=month)
    return render_template(
        "statistics/overview.html", tables=tables, month=month, month_name=month_label(month),
        form=month_form(today_in_china(), month), area=area_name(area),
        counties=counties_in(area), action=url_for("statistics.overview"),
        downloads={table.name: {fmt: url_for("statistics.download_area", area_code=area, fmt=fmt,
                                                   month=month)
                                for fmt in FORMATS} for table in tables})


@statistics.get("/<county_code>")
@staff_only(*READERS)
def county(county_code: str) -> str:
    me = require_account()
    _area_or_404(me, county_code, county=True)
    month = _month_or_404()
    tables = _county_tables(me, county_code, month)
    _audit(me, AuditAction.STATISTICS_VIEW, area_code=county_code, month=month)
    return render_template(
        "statistics/county.html", tables=tables, month=month, month_name=month_label(month),
        form=month_form(today_in_china(), month), area=area_name(county_code),
        action=url_for("statistics.county", county_code=county_code),
        small_ok=policies.sees_small_counts(me, county_code),
        downloads={table.name: {fmt: url_for("statistics.download_county", fmt=fmt, month=month,
                                             county_code=county_code, table=table.name)
                                for fmt in FORMATS} for table in tables})


@statistics.get("/download/area/<area_code>/counties.<fmt>")
@staff_only(*READERS)
def download_area(area_code: str, fmt: str) -> Response:
    me = require_account()
    area = _area_or_404(me, area_code, county=False)
    if area != me.area_code:  # the overview shows the reader's own area
        abort(404)
    month = _month_or_404()
    if fmt not in FORMATS:
        abort(404)
    table = _overview_tables(me, month)[0]
    _audit(me, AuditAction.STATISTICS_DOWNLOAD, area_code=area, month=month,
           table=table.name, format=fmt)
    return download(table, fmt, f"{area}-{month}-{table.name}")


@statistics.get("/download/<county_code>/<table>.<fmt>")
@staff_only(*READERS)
def download_county(county_code: str, table: str, fmt: str) -> Response:
    me = require_account()
    _area_or_404(me, county_code, county=True)
    month = _month_or_404()
    chosen = next((t for t in _county_tables(me, county_code, month) if t.name == table), None)
    if chosen is None or fmt not in FORMATS:
        abort(404)
    _audit(me, AuditAction.STATISTICS_DOWNLOAD, area_code=county_code, month=month,
           table=table, format=fmt)
    return download(chosen, fmt, f"{county_code}-{month}-{table}")

