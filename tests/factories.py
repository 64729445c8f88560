"""Builders for test data: valid ID numbers, people and accounts."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count

from flask import Flask
from flask.testing import FlaskClient

from app.database import get_session
from app.domain.models import Account, IdentityLevel, IdentityMethod, Person, Role
from app.domain.people import accounts
from app.domain.people.identity import check_character

_serial = count(1)


def id_number(region: str = "220102", born: date = date(1980, 5, 17), serial: int | None = None,
              female: bool = False) -> str:
    """A valid 18-character 居民身份证号 with a computed check character."""
    number = serial if serial is not None else next(_serial) % 500
    sequence = f"{number * 2 + (0 if female else 1):03d}"[-3:]
    first17 = f"{region}{born:%Y%m%d}{sequence}"
    return first17 + check_character(first17)


def make_account(app: Flask, *, phone: str, password: str = "correct horse battery",
                 name: str = "测试用户", role: Role = Role.PUBLIC, area: str | None = None,
                 verified: bool = True) -> int:
    with app.app_context():
        db = get_session()
        if role == Role.PUBLIC:
            account = accounts.register_account(db, phone=phone, display_name=name,
                                                password=password)
            account.phone_verified_at = datetime.now(UTC) if verified else None
        else:
            account = accounts.create_staff_account(db, phone=phone, display_name=name,
                                                    password=password, role=role,
                                                    area_code=area or "220102")
        db.commit()
        return account.id


def make_person(app: Flask, *, name: str = "李娜", township: str = "220102001",
                phone: str | None = None, id_number_value: str | None = None,
                account_id: int | None = None) -> int:
    from app.domain.people.identity import parse_resident_id

    with app.app_context():
        db = get_session()
        parsed = parse_resident_id(id_number_value or id_number(region=township[:6]),
                                   today=date.today())
        person = Person(full_name=name, id_number=parsed.value, birth_date=parsed.birth_date,
                        sex=parsed.sex, phone=phone, county_code=township[:6],
                        township_code=township, communication_needs=[])
        db.add(person)
        db.flush()
        if account_id is not None:
            # An account holds an existing record only when verified by real name (here as
            # if at a counter); tests of the mobile-only level link records themselves.
            holder = db.get(Account, account_id)
            holder.person_id = person.id
            holder.identity_level = IdentityLevel.REAL_NAME
            holder.identity_method = IdentityMethod.COUNTER
            holder.identity_verified_at = datetime.now(UTC)
        db.commit()
        return person.id


def sign_in(client: FlaskClient, phone: str, password: str = "correct horse battery") -> None:
    response = client.post("/sign-in", data={"phone": phone, "password": password})
    assert response.status_code == 302, "sign-in failed"
