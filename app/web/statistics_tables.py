"""The statistics' tables and charts, in words: every table the page shows is one StatTable,
and the downloads write the same StatTable, so small counts are hidden the same way in both."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.casework.made_by import FilledBy
from app.domain.places.divisions import Division
from app.domain.statistics.report import (
    ASSISTIVE_DEVICES,
    HOME_MODIFICATION,
    SERVICE_ORDER,
    Figures,
    combined,
    percentile,
    share,
    shown,
)
from app.services import get_service
from app.services.standard_reasons import BY_SERVICE, COMMON
from app.web.casework.words import staff_status
from app.web.forms.statistics import month_label

MADE_BY_LABELS = {FilledBy.APPLICANT: _l("Online, by the person themself"),
                  FilledBy.AGENT: _l("Online, by an agent"), FilledBy.COUNTER: _l("At a counter")}


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: fewer than 5, not drawn to scale
    text: str


@dataclass(frozen=True)
class Chart:
    title: str
    summary: str
    bars: list[Bar]
    maximum: float | None = None  # shares: 100, so a bar's length is its percentage

    @property
    def scale(self) -> float:
        return self.maximum or max([bar.value or 0 for bar in self.bars] + [0]) or 1


@dataclass(frozen=True)
class StatTable:
    name: str  # the download's file name
    caption: str
    headings: list[str]
    rows: list[list[str]]
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)


def count_text(value: int, small_ok: bool) -> str:
    figure = shown(value, small_ok)
    return _("fewer than 5") if figure is None else format_decimal(figure)


def share_text(part: int, whole: int, small_ok: bool) -> str:
    value = share(part, whole, small_ok)
    if value is None:
        return _("not shown") if whole else "–"
    return format_percent(value)


def days_text(days: int | None) -> str:
    return "–" if days is None else format_decimal(days)


def service_name(code: str) -> str:
    service = get_service(code)
    return _(service.texts.name) if service else code


def reason_text(code: str) -> str:
    if code == "none":
        return _("No standard reason chosen")
    every = {reason.code: reason for reasons in COMMON.values() for reason in reasons}
    for by_transition in BY_SERVICE.values():
        for reasons in by_transition.values():
            every.update({reason.code: reason for reason in reasons})
    return str(every[code].text) if code in every else code


def _bar(label: str, value: int, small_ok: bool) -> Bar:
    figure = shown(value, small_ok)
    return Bar(label, figure, count_text(value, small_ok))


def sent_table(figures: Figures, place: str, month: str, small_ok: bool) -> StatTable:
    rows = [[service_name(code), count_text(figures.sent[code], small_ok),
             count_text(figures.more_information[code], small_ok),
             share_text(figures.more_information[code], figures.sent[code], small_ok)]
            for code in SERVICE_ORDER]
    total, asked = sum(figures.sent.values()), sum(figures.more_information.values())
    rows.append([_("All services"), count_text(total, small_ok), count_text(asked, small_ok),
                 share_text(asked, total, small_ok)])
    if share(asked, total, small_ok) is None:
        summary = _("%(place)s: %(count)s applications were sent in %(month)s.", place=place,
                    count=count_text(total, small_ok), month=month_label(month))
    else:
        summary = _("%(place)s: %(count)s applications were sent in %(month)s; %(share)s of "
                    "them were asked for more information.", place=place,
                    count=count_text(total, small_ok), month=month_label(month),
                    share=share_text(asked, total, small_ok))
    chart = Chart(
        _("Applications sent in %(month)s, by service", month=month_label(month)), summary,
        [_bar(service_name(code), figures.sent[code], small_ok) for code in SERVICE_ORDER])
    return StatTable("sent", _("Applications sent, and asked for more information"),
                     [_("Service"), _("Number sent"), _("Asked for more information"),
                      _("Share asked for more information")], rows, chart)


def made_by_table(figures: Figures, place: str, month: str, small_ok: bool) -> StatTable:
    rows = [[str(label), count_text(figures.made_by[key], small_ok),
             share_text(figures.made_by[key], sum(figures.made_by.values()), small_ok)]
            for key, label in MADE_BY_LABELS.items()]
    online = figures.made_by[FilledBy.APPLICANT] + figures.made_by[FilledBy.AGENT]
    if share(online, sum(figures.made_by.values()), small_ok) is None:
        summary = _("%(place)s: too few applications in %(month)s to show a share.",
                    place=place, month=month_label(month))
    else:
        summary = _("%(place)s: %(share)s of the applications sent in %(month)s were sent "
                    "online.", place=place, month=month_label(month),
                    share=share_text(online, sum(figures.made_by.values()), small_ok))
    chart = Chart(
        _("How applications were sent in %(month)s", month=month_label(month)), summary,
        [_bar(str(label), figures.made_by[key], small_ok)
         for key, label in MADE_BY_LABELS.items()])
    return StatTable("sent-by", _("Applications sent, by how they were sent"),
                     [_("How it was sent"), _("Number sent"), _("Share")], rows, chart)


def _within(figures: Figures, service: str | None, small_ok: bool) -> float | None:
    return share(figures.decided_within_limit(service), figures.decided(service), small_ok)


def decisions_table(figures: Figures, before: Figures, place: str, month: str,
                    small_ok: bool) -> StatTable:
    rows = []
    for code in (*SERVICE_ORDER, None):
        days = figures.decision_days.get(code, Counter()) if code else figures.all_decision_days
        enough = small_ok or sum(days.values()) >= 5
        rows.append([service_name(code) if code else _("All services"),
                     count_text(figures.decided(code), small_ok),
                     days_text(percentile(days, 0.5) if enough else None),
                     days_text(percentile(days, 0.9) if enough else None),
                     share_text(figures.decided_within_limit(code), figures.decided(code),
                                small_ok)])
    summary = _within_limit_summary(place, month, _within(figures, None, small_ok),
                                    _within(before, None, small_ok))
    bars = []
    for code in SERVICE_ORDER:
        value = _within(figures, code, small_ok)
        text = share_text(figures.decided_within_limit(code), figures.decided(code), small_ok)
        bars.append(Bar(service_name(code), None if value is None else value * 100, text))
    chart = Chart(_("Decisions within the time limit in %(month)s", month=month_label(month)),
                  summary, bars, maximum=100)
    return StatTable("decisions", _("Decisions: working days from sending to deciding"),
                     [_("Service"), _("Decisions"), _("Median working days"),
                      _("Working days for 9 in 10 decisions"), _("Within the time limit")],
                     rows, chart)


def states_table(figures: Figures, small_ok: bool) -> StatTable:
    rows = [[service_name(service), staff_status(status),
             count_text(figures.states[service, status], small_ok)]
            for service in SERVICE_ORDER for (s, status) in sorted(figures.states)
            if s == service]
    rows += [[service_name(code), _("Overdue now"), count_text(figures.overdue[code], small_ok)]
             for code in SERVICE_ORDER if figures.overdue[code]]
    return StatTable("states", _("Applications by service and state now"),
                     [_("Service"), _("State"), _("Applications")], rows)


def refusals_table(figures: Figures, place: str, month: str, small_ok: bool) -> StatTable:
    reasons = sorted(figures.refusal_reasons.items(), key=lambda item: (-item[1], item[0]))
    rows = [[reason_text(code), count_text(value, small_ok)] for code, value in reasons]
    chart = Chart(
        _("Refusals in %(month)s, by reason", month=month_label(month)),
        _("%(place)s refused %(count)s applications in %(month)s. One refusal may give "
          "several reasons.", place=place, count=count_text(sum(figures.refused.values()),
                                                             small_ok),
          month=month_label(month)),
        [_bar(reason_text(code), value, small_ok) for code, value in reasons])
    return StatTable("refusals", _("Refusals by standard reason"), [_("Reason"), _("Refusals")],
                     rows, chart if rows else None)


def targets_table(figures: Figures, *, year: int, places: int | None, equal_share: int,
                  small_ok: bool) -> StatTable:
    devices_done = figures.completed_in_year[ASSISTIVE_DEVICES]
    devices_asked = figures.sent_in_year[ASSISTIVE_DEVICES]
    homes_done = figures.completed_in_year[HOME_MODIFICATION]
    rows = [[_("Assistive devices fitted, against applications sent"),
             count_text(devices_done, small_ok), count_text(devices_asked, small_ok),
             share_text(devices_done, devices_asked, small_ok)],
            [_("Homes made accessible, against the places for the year"),
             count_text(homes_done, small_ok),
             format_decimal(places) if places is not None else _("no places set"),
             share_text(homes_done, places, small_ok) if places else "–"],
            [_("Homes made accessible, against an equal share of the province's 55,000"),
             count_text(homes_done, small_ok), format_decimal(equal_share),
             share_text(homes_done, equal_share, small_ok)]]
    return StatTable("targets", _("The plan's targets, %(year)s up to the month chosen",
                                  year=year),
                     [_("Measure"), _("Done"), _("Against"), _("Share")], rows)


def counties_table(counties: list[Division], figures: dict[str, Figures], before: Figures, *,
                   place: str, month: str, small_ok: Callable[[str], bool]) -> StatTable:
    """The counties of an area side by side, and the area's total."""
    rows, bars = [], []
    for county in counties:
        one, ok = figures[county.code], small_ok(county.code)
        rows.append(_county_row(county.name, one, ok))
        value = _within(one, None, ok)
        bars.append(Bar(county.name, None if value is None else value * 100,
                        share_text(one.decided_within_limit(), one.decided(), ok)))
    total = combined(list(figures.values()))
    total_ok = bool(counties) and all(small_ok(county.code) for county in counties)
    rows.append(_county_row(_("All counties"), total, total_ok))
    summary = _within_limit_summary(place, month, _within(total, None, total_ok),
                                    _within(before, None, total_ok))
    chart = Chart(_("Decisions within the time limit in %(month)s, by county",
                    month=month_label(month)), summary, bars, maximum=100)
    return StatTable("counties", _("Counties side by side"),
                     [_("County"), _("Number sent"), _("Decisions"), _("Within the time limit"),
                      _("Median working days"), _("Overdue now"),
                      _("Share asked for more information"),
                      _("Allowances being paid (two subsidies)")], rows, chart)


def _county_row(name: str, one: Figures, ok: bool) -> list[str]:
    days = one.all_decision_days
    sent = sum(one.sent.values())
    return [name, count_text(sent, ok), count_text(one.decided(), ok),
            share_text(one.decided_within_limit(), one.decided(), ok),
            days_text(percentile(days, 0.5) if ok or one.decided() >= 5 else None),
            count_text(sum(one.overdue.values()), ok),
            share_text(sum(one.more_information.values()), sent, ok),
            count_text(one.allowances_paying(), ok)]


def _within_limit_summary(place: str, month: str, now: float | None, then: float | None
                          ) -> str:
    """The chart's one sentence: the share decided within the limit, and the month before's."""
    if now is None:
        return _("%(place)s: too few decisions in %(month)s to show a share.", place=place,
                 month=month_label(month))
    if then is None:
        return _("%(place)s decided %(share)s within the time limit in %(month)s.",
                 place=place, share=format_percent(now), month=month_label(month))
    return _("%(place)s decided %(share)s within the time limit in %(month)s, against "
             "%(before)s the month before.", place=place, share=format_percent(now),
             month=month_label(month), before=format_percent(then))
