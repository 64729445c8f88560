"""Where each kind of account starts."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.domain.access import policies
from app.domain.models import Account, Role

HOME_ENDPOINTS = {
    Role.PUBLIC: "account.overview",
    Role.COUNTER: "counter.find_person",
    Role.CASEWORKER: "casework.queue",
    Role.APPROVER: "casework.decisions",
    Role.CIVIL_AFFAIRS: "casework.decisions",
    Role.STATISTICS: "statistics.overview",
    Role.ADMIN: "admin.staff_list",
}


def account_home_endpoint(account: Account) -> str:
    return HOME_ENDPOINTS[account.role]


STAFF_LINKS = {
    Role.COUNTER: (("counter.find_person", _l("Find a person")),
                   ("casework.queue", _l("Applications")),
                   ("counter.agent_requests", _l("Agent requests")),
                   ("letters.due", _l("Letters to post")),
                   ("allowances.statement_check", _l("Check a statement"))),
    Role.CASEWORKER: (("casework.queue", _l("Applications")),
                      ("counter.agent_requests", _l("Agent requests")),
                      ("letters.due", _l("Letters to post"))),
    Role.APPROVER: (("casework.decisions", _l("Ready for your decision")),
                    ("casework.queue", _l("Applications"))),
    Role.CIVIL_AFFAIRS: (("casework.decisions", _l("Ready for your decision")),
                         ("casework.queue", _l("Applications")),
                         ("payments.runs", _l("Monthly payments")),
                         ("amounts.amounts_page", _l("Allowance amounts")),
                         ("change_cases.queue", _l("Reported changes and objections")),
                         ("reviews.rounds", _l("Yearly reviews")),
                         ("allowances.statement_check", _l("Check a statement")),
                         ("outreach.candidates", _l("May be entitled")),
                         ("outreach.rosters_page", _l("Rosters")),
                         ("outreach.deaths_page", _l("Deaths"))),
    Role.STATISTICS: (("statistics.overview", _l("Statistics")),),
    Role.ADMIN: (("admin.staff_list", _l("Staff accounts")), ("admin.videos", _l("Guide videos")),
                 ("deadlines.counties", _l("Deadlines")),
                 ("work_calendar.years", _l("Holiday calendar")),
                 ("statistics.overview", _l("Statistics")),
                 ("amounts.amounts_page", _l("Allowance amounts")),
                 ("admin.audit_log", _l("Audit log"))),
}


def staff_links(account: Account) -> tuple[tuple[str, object], ...]:
    # Guide videos and the holiday calendar are the whole province's: only its administrators
    # see the links. Statistics are of a county or larger: not for a township's administrator.
    province_only = {"admin.videos": policies.can_manage_guide_videos,
                     "work_calendar.years": policies.can_keep_work_calendar,
                     "statistics.overview": lambda account: policies.can_view_statistics(
                         account, account.area_code or "")}
    return tuple((endpoint, label) for endpoint, label in STAFF_LINKS.get(account.role, ())
                 if endpoint not in province_only or province_only[endpoint](account))


def init_navigation(app: Flask) -> None:
    app.jinja_env.globals.update(account_home_endpoint=account_home_endpoint,
                                 staff_links=staff_links)
