"""Demo data for development: one account per role. Never loaded in production."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import get_session
from app.domain.files.media import load_sample_videos
from app.domain.models import (
    Account,
    Delegation,
    DelegationStatus,
    IdentityLevel,
    IdentityMethod,
    Person,
    Relationship,
    Role,
)
from app.domain.people.passwords import hash_password


@dataclass(frozen=True)
class DemoAccount:
    role_label: str
    phone: str
    password: str
    display_name: str
    role: Role
    area_code: str | None = None


# 220102 is 南关区, Changchun: the staff accounts work the resident's county.
DEMO_ACCOUNTS = (
    DemoAccount("resident", "13900000001", "demo-resident-2026", "张丽", Role.PUBLIC),
    DemoAccount("agent", "13900000002", "demo-agent-2026", "张伟", Role.PUBLIC),
    DemoAccount("counter staff", "13900000003", "demo-counter-2026", "王芳", Role.COUNTER,
                "220102001"),
    DemoAccount("caseworker", "13900000004", "demo-caseworker-2026", "李明", Role.CASEWORKER,
                "220102"),
    DemoAccount("approver", "13900000005", "demo-approver-2026", "赵强", Role.APPROVER, "220102"),
    DemoAccount("administrator", "13900000006", "demo-admin-2026", "陈静", Role.ADMIN, "22"),
    # 县级民政部门: decides (审定) the two subsidies after the federation's review and 公示.
    DemoAccount("civil affairs approver", "13900000007", "demo-civil-affairs-2026", "孙悦",
                Role.CIVIL_AFFAIRS, "220102"),
    # Reads the statistics of the whole province (统计): figures only, no applicant's record.
    DemoAccount("statistics manager", "13900000008", "demo-statistics-2026", "周敏",
                Role.STATISTICS, "22"),
    # No record yet: verified by real name through the provincial sign-in's development
    # stand-in (app/web/provincial_stand_in.py), which vouches for 周建国.
    DemoAccount("resident verified through the provincial platform", "13900000010",
                "demo-provincial-2026", "周建国", Role.PUBLIC),
)

# A valid 身份证号 for a person born 1985-06-15 in 南关区 (check character computed, not invented).
DEMO_RESIDENT_ID = "220102198506150029"


class DemoDataRefused(RuntimeError):
    pass


def load_demo_data(app: Flask) -> bool:
    """Create the demo accounts and the demo county's cases once; returns False when they
    already exist."""
    if not app.config.get("LOAD_DEMO_DATA"):
        raise DemoDataRefused("Demo accounts are created only with PORTAL_ENV=development "
                              "(or testing), never in production.")
    # A request context: the applicants' messages are written as the portal writes them.
    with app.test_request_context():
        session = get_session()
        if session.scalar(select(Account).where(Account.phone == DEMO_ACCOUNTS[0].phone)):
            return False
        accounts = _create_demo_accounts(session)
        session.flush()
        load_sample_videos(session, static_root=Path(app.static_folder or "static"))
        _create_demo_cases(session, accounts)
        session.commit()
        return True


def _create_demo_cases(session: Session, accounts: dict[str, Account]) -> None:
    from app.demo_cases import load_demo_cases
    from app.domain.clock import today_in_china
    from app.web.messages import notify_status_change

    resident = accounts["resident"]
    assert resident.person is not None
    load_demo_cases(session, staff={"counter": accounts["counter staff"],
                                    "caseworker": accounts["caseworker"],
                                    "approver": accounts["approver"],
                                    "civil_affairs": accounts["civil affairs approver"]},
                    resident=resident, resident_person=resident.person,
                    notify=notify_status_change, today=today_in_china())


def _create_demo_accounts(session: Session) -> dict[str, Account]:
    now = datetime.now(UTC)
    resident_person = Person(
        full_name="张丽", id_number=DEMO_RESIDENT_ID, birth_date=date(1985, 6, 15), sex="female",
        phone=DEMO_ACCOUNTS[0].phone, county_code="220102", township_code="220102001",
        preferred_language="zh_Hans_CN", contact_channel="sms", communication_needs=[],
    )
    session.add(resident_person)
    accounts = {}
    for demo in DEMO_ACCOUNTS:
        account = Account(
            phone=demo.phone, password_hash=hash_password(demo.password),
            display_name=demo.display_name, role=demo.role, area_code=demo.area_code,
            phone_verified_at=now, display_settings={},
        )
        accounts[demo.role_label] = account
        session.add(account)
    accounts["resident"].person = resident_person
    # 张丽 showed her ID card at the township office, where the counter verified her account.
    accounts["resident"].identity_level = IdentityLevel.REAL_NAME
    accounts["resident"].identity_method = IdentityMethod.COUNTER
    accounts["resident"].identity_verified_at = now
    accounts["resident"].identity_verified_by_account_id = None
    session.add(Delegation(
        person=resident_person, agent=accounts["agent"], relationship_kind=Relationship.FAMILY,
        status=DelegationStatus.ACTIVE, started_at=now,
    ))
    return accounts
