"""Where each kind of account starts."""

from __future__ import annotations

from flask import Flask

from app.domain.models import Account, Role

HOME_ENDPOINTS = {
    Role.PUBLIC: "account.overview",
    Role.COUNTER: "counter.find_person",
    Role.CASEWORKER: "casework.queue",
    Role.APPROVER: "casework.queue",
    Role.ADMIN: "admin.staff_list",
}


def account_home_endpoint(account: Account) -> str:
    return HOME_ENDPOINTS[account.role]


def init_navigation(app: Flask) -> None:
    app.jinja_env.globals["account_home_endpoint"] = account_home_endpoint
