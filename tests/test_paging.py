"""Keyset paging (app.domain.paging): full pages, and a next link only when a row follows."""

from __future__ import annotations

import pytest
from flask import Flask

from app.database import get_session
from app.domain.access.audit import AuditAction, audit_log_page, record_access
from app.domain.models import Channel


def audit_events(app: Flask, how_many: int) -> list[int]:
    with app.app_context():
        db = get_session()
        events = [record_access(db, actor=None, action=AuditAction.QUEUE_LIST,
                                channel=Channel.ONLINE)
                  for _n in range(how_many)]
        db.commit()
        return [event.id for event in events]


@pytest.mark.engine
def test_a_list_that_fills_its_last_page_exactly_has_no_link_to_an_empty_page(
        app: Flask) -> None:
    first_id, second_id, third_id, fourth_id = audit_events(app, 4)
    with app.app_context():
        db = get_session()
        newest = audit_log_page(db, size=2)
        older = audit_log_page(db, before_id=newest.next_key, size=2)
    assert [e.id for e in newest.items] == [fourth_id, third_id]
    assert newest.next_key == third_id
    assert [e.id for e in older.items] == [second_id, first_id]
    assert older.next_key is None
