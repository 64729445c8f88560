"""Words for the domain's codes, translated where they are shown."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.domain.identity import mask_mobile
from app.domain.models import Relationship, Role

RELATIONSHIPS = {
    Relationship.FAMILY: _l("family member"),
    Relationship.GUARDIAN: _l("guardian"),
    Relationship.SUPPORTER: _l("legally obliged to support them"),
    Relationship.OTHER: _l("someone they trust"),
}

ROLES = {
    Role.PUBLIC: _l("resident or agent"),
    Role.COUNTER: _l("counter staff"),
    Role.CASEWORKER: _l("caseworker"),
    Role.APPROVER: _l("approver"),
    Role.ADMIN: _l("administrator"),
}

SEXES = {"male": _l("male"), "female": _l("female")}


def relationship_label(relationship: Relationship | str) -> str:
    return str(RELATIONSHIPS[Relationship(relationship)])


def role_label(role: Role | str) -> str:
    return str(ROLES[Role(role)])


def sex_label(sex: str) -> str:
    return str(SEXES.get(sex, sex))


def init_labels(app: Flask) -> None:
    app.jinja_env.globals.update(relationship_label=relationship_label, role_label=role_label,
                                 sex_label=sex_label)
    app.jinja_env.filters["mask_mobile"] = mask_mobile
