"""`flask staff create`: staff accounts from the command line (the first administrator, scripts)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from app.database import get_session
from app.domain.models import Role
from app.domain.people import accounts
from app.domain.people.accounts import AREA_LEVELS, area_fits_role
from app.domain.people.identity import InvalidMobile, parse_mobile
from app.domain.places.divisions import load_catalogue

staff_cli = AppGroup("staff", help="Manage staff accounts.")

STAFF_ROLE_NAMES = [role.value for role in (Role.COUNTER, Role.CASEWORKER, Role.APPROVER,
                                            Role.CIVIL_AFFAIRS, Role.STATISTICS,
                                            Role.ADMIN)]


def _phone(_ctx: click.Context, _param: click.Parameter, value: str) -> str:
    try:
        return parse_mobile(value)
    except InvalidMobile as problem:
        raise click.BadParameter(f"not a mainland mobile number ({problem.reason.value})"
                                 ) from None


@staff_cli.command("create")
@click.option("--phone", required=True, callback=_phone,
              help="11-digit mainland mobile number; they sign in with it.")
@click.option("--name", required=True, help="Full name, as shown to other staff.")
@click.option("--role", required=True, type=click.Choice(STAFF_ROLE_NAMES))
@click.option("--area", required=True,
              help="Division code: 22 (province), 6 digits (prefecture or county), 9 (township).")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="Prompted for (twice) when not given; give it only in scripts.")
def create_staff_command(phone: str, name: str, role: str, area: str, password: str) -> None:
    """Create a staff account."""
    chosen = Role(role)
    division = load_catalogue().get(area.strip())
    if division is None:
        raise click.BadParameter(f"{area!r} is not a Jilin division code", param_hint="--area")
    if not area_fits_role(chosen, division.code):
        levels = " or ".join(sorted(AREA_LEVELS[chosen]))
        raise click.BadParameter(f"{chosen.value} staff work in a {levels}, and "
                                 f"{division.code} ({division.name}) is a {division.level}",
                                 param_hint="--area")
    problem = accounts.password_problem(password, phone=phone)
    if problem is not None:
        raise click.BadParameter(f"the password is not strong enough ({problem.value})",
                                 param_hint="--password")
    if not name.strip():
        raise click.BadParameter("the name is empty", param_hint="--name")
    session = get_session()
    try:
        account = accounts.create_staff_account(session, phone=phone, display_name=name.strip(),
                                                password=password, role=chosen,
                                                area_code=division.code)
    except accounts.PhoneAlreadyRegistered:
        raise click.ClickException(f"an account with the mobile number {phone} already exists"
                                   ) from None
    session.commit()
    click.echo(f"Created {chosen.value} account {account.id} for {account.display_name} in "
               f"{division.name} ({division.code}).")
