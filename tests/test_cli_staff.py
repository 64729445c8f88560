"""`flask staff create`: the command that makes staff accounts (the first administrator)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from app.database import get_session
from app.domain.models import Account, Role
from app.domain.people import accounts
from tests.factories import make_account

PASSWORD = "bright autumn field"


def create(app: Flask, *extra: str, password: str | None = PASSWORD,
           prompt_input: str | None = None, phone: str = "139 0434 0001",
           role: str = "caseworker", area: str = "220102"):
    args = ["staff", "create", "--phone", phone, "--name", "李明", "--role", role,
            "--area", area, *extra]
    if password is not None:
        args += ["--password", password]
    return app.test_cli_runner().invoke(args=args, input=prompt_input)


def stored(app: Flask, phone: str = "13904340001") -> Account | None:
    with app.app_context():
        return get_session().scalar(select(Account).where(Account.phone == phone))


def test_the_command_creates_a_staff_account_that_can_sign_in(app: Flask) -> None:
    result = create(app)
    assert result.exit_code == 0, result.output
    assert "南关区" in result.output
    account = stored(app)
    assert account is not None
    assert (account.role, account.area_code, account.display_name) == (
        Role.CASEWORKER, "220102", "李明")
    with app.app_context():
        assert accounts.authenticate(get_session(), phone="13904340001", password=PASSWORD)


def test_the_password_is_asked_for_twice_without_showing_it(app: Flask) -> None:
    result = create(app, password=None, prompt_input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    assert "Repeat for confirmation" in result.output
    assert stored(app) is not None


def test_two_different_passwords_are_asked_for_again(app: Flask) -> None:
    result = create(app, password=None,
                    prompt_input=f"{PASSWORD}\nsomething else\n{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "do not match" in result.output


@pytest.mark.parametrize(("changes", "problem"), [
    ({"phone": "12345"}, "not a mainland mobile number"),
    ({"area": "999999"}, "not a Jilin division code"),
    ({"role": "counter", "area": "220100"}, "220100 (长春市) is a prefecture"),
    ({"role": "caseworker", "area": "220102001"}, "is a township"),
    ({"password": "12345678"}, "not strong enough"),
    ({"role": "public"}, "Invalid value for '--role'"),
])
def test_bad_values_are_refused_and_nothing_is_created(app: Flask, changes: dict[str, str],
                                                       problem: str) -> None:
    result = create(app, **changes)
    assert result.exit_code == 2
    assert problem in result.output
    with app.app_context():
        assert get_session().scalars(select(Account)).all() == []


@pytest.mark.engine
def test_a_phone_number_already_in_use_is_refused(app: Flask) -> None:
    make_account(app, phone="13904340001")
    result = create(app)
    assert result.exit_code == 1
    assert "already exists" in result.output
    account = stored(app)
    assert account is not None and account.role == Role.PUBLIC
