"""Accounts: sign-up, sign-in, passwords and staff accounts."""

from __future__ import annotations

import enum
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import STAFF_ROLES, Account, CodePurpose, Role
from app.domain.people.passwords import hash_password, needs_rehash, verify_password
from app.domain.places.divisions import load_catalogue

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 128
# Passwords people in China pick most often; a longer list would add little over the length rule.
COMMON_PASSWORDS = frozenset({
    "12345678", "123456789", "1234567890", "11111111", "00000000", "88888888", "66666666",
    "87654321", "password", "password1", "qwertyui", "qwerty123", "abc12345", "a1234567",
    "1qaz2wsx", "iloveyou", "woaini1314", "147258369", "a123456789", "aa123456",
})
# Verifying against this keeps a wrong phone number as slow as a wrong password.
_DUMMY_HASH = hash_password("not-a-real-password")


class PasswordProblem(enum.StrEnum):
    TOO_SHORT = "too_short"
    TOO_LONG = "too_long"
    TOO_COMMON = "too_common"
    SAME_AS_PHONE = "same_as_phone"


class PhoneAlreadyRegistered(Exception):
    pass


def password_problem(password: str, *, phone: str) -> PasswordProblem | None:
    if len(password) < MIN_PASSWORD_LENGTH:
        return PasswordProblem.TOO_SHORT
    if len(password) > MAX_PASSWORD_LENGTH:
        return PasswordProblem.TOO_LONG
    if phone and phone in password:
        return PasswordProblem.SAME_AS_PHONE
    if password.lower() in COMMON_PASSWORDS or len(set(password)) <= 2:
        return PasswordProblem.TOO_COMMON
    return None


def find_account_by_phone(session: Session, phone: str) -> Account | None:
    return session.scalar(select(Account).where(Account.phone == phone))


def register_account(session: Session, *, phone: str, display_name: str, password: str,
                     locale: str | None = None) -> Account:
    # Hashing first keeps a registered number as slow to answer as a new one.
    password_hash = hash_password(password)
    if find_account_by_phone(session, phone) is not None:
        raise PhoneAlreadyRegistered(phone)
    account = Account(phone=phone, display_name=display_name, password_hash=password_hash,
                      role=Role.PUBLIC, locale=locale, display_settings={})
    session.add(account)
    session.flush()
    return account


# Which divisions each role may work in. Counter staff sit at a township or street office, or at
# the county federation; caseworkers and approvers at a county or a prefecture.
AREA_LEVELS: dict[Role, frozenset[str]] = {
    Role.COUNTER: frozenset({"county", "township"}),
    Role.CASEWORKER: frozenset({"county", "prefecture"}),
    Role.APPROVER: frozenset({"county", "prefecture"}),
    Role.CIVIL_AFFAIRS: frozenset({"county", "prefecture"}),  # 县级民政部门
    Role.STATISTICS: frozenset({"province", "prefecture", "county"}),  # managers (统计)
    Role.ADMIN: frozenset({"province", "prefecture", "county", "township"}),
}


class AreaNotForRole(ValueError):
    """The area is unknown, or not of a level where this role works."""


def area_fits_role(role: Role, area_code: str) -> bool:
    division = load_catalogue().get(area_code)
    return division is not None and division.level in AREA_LEVELS.get(role, frozenset())


def change_staff_role_and_area(account: Account, *, role: Role, area_code: str) -> None:
    if role not in STAFF_ROLES:
        raise ValueError(f"{role} is not a staff role")
    if not area_fits_role(role, area_code):
        raise AreaNotForRole(area_code)
    account.role = role
    account.area_code = area_code


def create_staff_account(session: Session, *, phone: str, display_name: str, password: str,
                         role: Role, area_code: str, chosen_by_administrator: bool = False
                         ) -> Account:
    """A staff account. A password an administrator chose is the new member's to replace at
    their first sign-in (nobody else should know it)."""
    if role not in STAFF_ROLES:
        raise ValueError(f"{role} is not a staff role")
    if not area_fits_role(role, area_code):
        raise AreaNotForRole(area_code)
    if find_account_by_phone(session, phone) is not None:
        raise PhoneAlreadyRegistered(phone)
    account = Account(phone=phone, display_name=display_name, password_hash=hash_password(password),
                      role=role, area_code=area_code, display_settings={},
                      phone_verified_at=datetime.now(UTC),
                      must_change_password=chosen_by_administrator)
    session.add(account)
    session.flush()
    return account


def may_receive_code(account: Account | None, purpose: CodePurpose) -> bool:
    """Whether a code for ``purpose`` is really sent to this account's number.

    A sign-up code only confirms a number not yet confirmed: for a confirmed account it would let
    a stranger who started a sign-up sign in with it. Elsewhere a decoy stands in (see codes).
    """
    if account is None or not account.is_active:
        return False
    return purpose is not CodePurpose.SIGN_UP or account.phone_verified_at is None


def authenticate(session: Session, *, phone: str, password: str) -> Account | None:
    account = find_account_by_phone(session, phone)
    if account is None or not account.is_active:
        verify_password(_DUMMY_HASH, password)
        return None
    if not verify_password(account.password_hash, password):
        return None
    if needs_rehash(account.password_hash):
        account.password_hash = hash_password(password)
    account.last_signed_in_at = datetime.now(UTC)
    return account


def set_password(account: Account, password: str) -> None:
    account.password_hash = hash_password(password)
    account.must_change_password = False  # chosen by its owner now
    # A new password ends every other session, as a person resetting it would expect.
    account.session_generation += 1


def sign_out_everywhere(account: Account) -> None:
    account.session_generation += 1
