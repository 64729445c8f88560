"""The audit log, newest first, as far as the reader may see it; reading it is logged too."""

from __future__ import annotations

from flask import render_template, request
from sqlalchemy import select

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, audit_action_label, audit_log_page, record_access
from app.domain.models import Account, Channel, Person, Role
from app.domain.people.identity import ResidentIdNumber
from app.web.access import require_account_allowed, staff_only
from app.web.admin.blueprint import PAGE_SIZE, admin
from app.web.labels import CHANNELS
from app.web.paging import page_links


@admin.get("/audit")
@staff_only(Role.ADMIN)
def audit_log() -> str:
    me = require_account_allowed(policies.can_read_audit_log)
    db = get_session()
    before = request.args.get("before", type=int)
    page = audit_log_page(db, visible=policies.audit_events_visible_to(me), before_id=before,
                          size=PAGE_SIZE)
    events = page.items
    # Two queries for every name on the page, rather than one per row.
    actor_ids = {event.actor_account_id for event in events if event.actor_account_id}
    person_ids = {event.person_id for event in events if event.person_id}
    actors = {a.id: a for a in db.scalars(select(Account).where(Account.id.in_(actor_ids)))}
    people = {p.id: p for p in db.scalars(select(Person).where(Person.id.in_(person_ids)))}
    record_access(db, actor=me, action=AuditAction.AUDIT_LOG_VIEW, channel=Channel.ONLINE,
                  detail={"before_id": before})
    db.commit()
    return render_template(
        "admin/audit_log.html", events=events, actors=actors,
        masked_ids={pid: ResidentIdNumber(p.id_number).masked for pid, p in people.items()},
        action_label=audit_action_label, channels=CHANNELS,
        **page_links("admin.audit_log", page.next_key, key_argument="before"),
    )
