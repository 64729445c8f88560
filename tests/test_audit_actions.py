"""Audit actions come from one enum, each with words the audit log shows in every language."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from flask import Flask

from app.database import get_session
from app.domain.access.audit import AUDIT_ACTION_LABELS, AuditAction, record_access
from app.domain.casework.status_machine import TRANSITIONS
from app.domain.models import Channel
from tests.test_translations import message_ids

ROOT = Path(__file__).resolve().parent.parent


def test_every_audit_action_has_a_label_to_translate() -> None:
    unlabelled = [action for action in AuditAction if not AUDIT_ACTION_LABELS.get(action)]
    assert unlabelled == []
    in_catalogue = message_ids(ROOT / "translations" / "messages.pot")
    assert [a.label for a in AuditAction if a.label not in in_catalogue] == []


def test_every_status_machine_transition_has_an_audit_action() -> None:
    assert [AuditAction.for_transition(t.name) for t in TRANSITIONS]  # ValueError if one lacks it


def test_recording_an_action_outside_the_enum_is_refused(app: Flask) -> None:
    with app.app_context(), pytest.raises(TypeError):
        record_access(get_session(), actor=None, action="person.view",  # type: ignore[arg-type]
                      channel=Channel.ONLINE)


def _written_actions() -> list[tuple[str, str, ast.expr]]:
    """Every `action=` given to record_access in app/, and every AuditEvent built by hand."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(
                node.func, "id", "")
            if callee in {"record_access", "AuditEvent"}:
                found += [(f"{path.relative_to(ROOT)}:{node.lineno}", callee, kw.value)
                          for kw in node.keywords if kw.arg == "action"]
    return found


def _from_the_enum(value: ast.expr) -> bool:
    """AuditAction.X, AuditAction.for_transition(...), a variable (typed, so mypy checks it),
    or a choice between those; never a string or a string built on the spot."""
    match value:
        case ast.Attribute(value=ast.Name(id="AuditAction")) | ast.Name():
            return True
        case ast.Call(func=ast.Attribute(value=ast.Name(id="AuditAction"),
                                         attr="for_transition")):
            return True
        case ast.IfExp(body=body, orelse=orelse):
            return _from_the_enum(body) and _from_the_enum(orelse)
    return False


def test_no_code_writes_an_audit_action_as_a_free_string() -> None:
    written = _written_actions()
    assert len(written) > 30  # the scan finds the calls (it cannot pass by finding none)
    free = [where for where, callee, value in written
            if callee == "record_access" and not _from_the_enum(value)]
    built_by_hand = [where for where, callee, _value in written
                     if callee == "AuditEvent"
                     and not where.startswith("app/domain/access/audit.py")]
    assert free == [] and built_by_hand == []
