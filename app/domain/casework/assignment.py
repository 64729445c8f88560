"""Who works on an application: assigning it to oneself or to a colleague of the same area."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.access import policies
from app.domain.casework.status_machine import EditConflict
from app.domain.models import Account, Application
from app.domain.places.divisions import load_catalogue


class AssignmentRefused(Exception):
    """The actor may not assign this application, or the chosen person may not work on it."""


def assignable_staff(session: Session, application: Application) -> list[Account]:
    """Active case staff whose area covers the application, by name (the same on every engine)."""
    place = application.township_code or application.county_code
    catalogue = load_catalogue()
    if not place or place not in catalogue:
        return []
    covering = [division.code for division in catalogue.path(place)]
    accounts = session.scalars(
        select(Account).where(Account.area_code.in_(covering), Account.is_active.is_(True),
                              Account.role.in_(list(policies.CASE_STAFF))))
    return sorted((account for account in accounts
                   if policies.can_view_application(session, account, application)),
                  key=lambda account: (account.display_name, account.id))


def assign_application(session: Session, application: Application, assignee: Account, *,
                       actor: Account, expected_version: int | None = None) -> int | None:
    """Assigns the application; returns who had it before (None: nobody)."""
    if expected_version is not None and expected_version != application.version:
        raise EditConflict(application.id)
    if not policies.can_assign_application(session, actor, application) or \
            not policies.can_view_application(session, assignee, application) or \
            not policies.is_case_staff(assignee):
        raise AssignmentRefused(application.id)
    previous = application.assigned_to_account_id
    application.assigned_to_account_id = assignee.id
    return previous
