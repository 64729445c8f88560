"""Loading for casework, with the access policy: what it refuses is "not found"."""

from __future__ import annotations

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.database import get_session
from app.domain.access import policies
from app.domain.casework.reference import grouped
from app.domain.models import Account, Application
from app.domain.models import ApplicationStatus as S
from app.services.model import ServiceDefinition


def application_or_404(me: Account, application_id: int) -> Application:
    db = get_session()
    # The person comes in the same query: the policy and the page read it.
    application = db.get(Application, application_id, options=[joinedload(Application.person)])
    if application is None or application.status == S.DRAFT or \
            not policies.can_view_application(db, me, application):
        abort(404)
    return application


def service_title(service: ServiceDefinition | None, code: str) -> str:
    return _(service.texts.name) if service else code


def account_names(ids: set[int | None]) -> dict[int, str]:
    """Display names for many accounts in one query (no query per row)."""
    if not ids:
        return {}
    rows = get_session().execute(
        select(Account.id, Account.display_name).where(Account.id.in_(ids)))
    return {account_id: name for account_id, name in rows}


def grouped_reference(reference: str | None) -> str:
    return grouped(reference or "")
