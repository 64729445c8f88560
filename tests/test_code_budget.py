"""One budget of text-message codes per mobile number, across every purpose (issue 21, D)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from flask import Flask

from app.database import get_session
from app.domain.models import CodePurpose
from app.domain.people import codes

NOON = datetime(2026, 3, 2, 4, 0, tzinfo=UTC)


@pytest.mark.engine
def test_codes_of_every_purpose_share_one_hourly_budget_per_number(app: Flask) -> None:
    with app.app_context():
        db = get_session()
        purposes = [CodePurpose.SIGN_UP, CodePurpose.PASSWORD_RESET, CodePurpose.STATUS_LOOKUP,
                    CodePurpose.SIGN_UP]
        for minute, purpose in enumerate(purposes):
            codes.issue_code(db, phone="13904313131", purpose=purpose, secret="s",
                             now=NOON + timedelta(minutes=minute))
        codes.issue_decoy_code(db, phone="13904313131", purpose=CodePurpose.PASSWORD_RESET,
                               now=NOON + timedelta(minutes=5))
        with pytest.raises(codes.CodeBudgetSpent):
            codes.issue_code(db, phone="13904313131", purpose=CodePurpose.STATUS_LOOKUP,
                             secret="s", now=NOON + timedelta(minutes=6))
        with pytest.raises(codes.CodeBudgetSpent):
            codes.issue_decoy_code(db, phone="13904313131", purpose=CodePurpose.SIGN_UP,
                                   now=NOON + timedelta(minutes=6))
        # Another number has its own budget; an hour after the first code, one is free again.
        codes.issue_code(db, phone="13904313132", purpose=CodePurpose.SIGN_UP, secret="s",
                         now=NOON + timedelta(minutes=6))
        assert codes.codes_left(db, "13904313131", NOON + timedelta(minutes=60, seconds=30)) == 1
