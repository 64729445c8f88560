"""Words for the domain's codes, translated where they are shown."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from app.domain.casework.made_by import FilledBy
from app.domain.casework.reference import grouped
from app.domain.models import (
    Account,
    ApplicationStatus,
    ChangeKind,
    ChangeReportState,
    Channel,
    DelegationStatus,
    EntitlementState,
    IdentityMethod,
    ObjectionState,
    PaymentState,
    Relationship,
    Role,
)
from app.domain.people.identity import mask_account_number, mask_mobile

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
    Role.CIVIL_AFFAIRS: _l("civil affairs approver"),
    Role.STATISTICS: _l("statistics manager"),
    Role.ADMIN: _l("administrator"),
}

# How an action reached the portal, for staff tables (the timeline words it for applicants).
CHANNELS = {
    Channel.ONLINE: _l("Online"),
    Channel.COUNTER: _l("At a counter"),
    Channel.OFFICE: _l("In the office"),
    Channel.SYSTEM: _l("By the system"),
}

SEXES = {"male": _l("male"), "female": _l("female")}


STATUSES = {
    ApplicationStatus.DRAFT: _l("Draft: not sent yet"),
    ApplicationStatus.SUBMITTED: _l("Sent, waiting to be checked"),
    ApplicationStatus.ACCEPTED: _l("Accepted for processing"),
    ApplicationStatus.RETURNED: _l("Not accepted"),
    ApplicationStatus.IN_REVIEW: _l("Being reviewed"),
    ApplicationStatus.MORE_INFORMATION: _l("More information needed from you"),
    ApplicationStatus.ASSESSING: _l("Being assessed"),
    ApplicationStatus.PUBLIC_NOTICE: _l("On public notice before the decision"),
    ApplicationStatus.READY_FOR_DECISION: _l("Reviewed, waiting for the decision"),
    ApplicationStatus.WAITING_FOR_QUOTA: _l("Waiting for next year's places"),
    ApplicationStatus.WAITING_FOR_CARD: _l("Waiting for the disability card"),
    ApplicationStatus.APPROVED: _l("Approved"),
    ApplicationStatus.REFUSED: _l("Refused"),
    ApplicationStatus.IN_PROGRESS: _l("Approved and in progress"),
    ApplicationStatus.COMPLETED: _l("Completed"),
    ApplicationStatus.WITHDRAWN: _l("Withdrawn"),
}


def identity_label(account: Account | None) -> str:
    """How sure the portal is who holds an account, in words (staff and the resident see it)."""
    if account is None:
        return str(_l("No online account"))
    if not account.is_real_name:
        return str(_l("Mobile number confirmed; name and ID card number not verified"))
    if account.identity_method == IdentityMethod.PROVINCIAL:
        return str(_l("Real name verified through the provincial government service platform"))
    return str(_l("Real name verified at a counter with the ID card"))


def status_label(status: ApplicationStatus | str) -> str:
    return str(STATUSES[ApplicationStatus(status)])


def mask_id(id_number: str) -> str:
    """Keeps the first 4 and last 4 characters, as the identity module does."""
    return id_number[:4] + "*" * (len(id_number) - 8) + id_number[-4:] if id_number else ""


def relationship_label(relationship: Relationship | str) -> str:
    return str(RELATIONSHIPS[Relationship(relationship)])


def role_label(role: Role | str) -> str:
    return str(ROLES[Role(role)])


def sex_label(sex: str) -> str:
    return str(SEXES.get(sex, sex))


def init_labels(app: Flask) -> None:
    app.jinja_env.globals.update(relationship_label=relationship_label, role_label=role_label,
                                 identity_label=identity_label,
                                 sex_label=sex_label, status_label=status_label)
    # The codes' enums themselves, so a template compares with a member, never a string.
    app.jinja_env.globals.update(ApplicationStatus=ApplicationStatus, Channel=Channel,
                                 DelegationStatus=DelegationStatus, Role=Role,
                                 ChangeKind=ChangeKind, ChangeReportState=ChangeReportState,
                                 ObjectionState=ObjectionState,
                                 EntitlementState=EntitlementState, PaymentState=PaymentState,
                                 FilledBy=FilledBy)
    app.jinja_env.filters.update(mask_mobile=mask_mobile, mask_id=mask_id,
                                 mask_account=mask_account_number, grouped_reference=grouped)


DISABILITY_CATEGORIES = {
    1: _l("visual disability"),
    2: _l("hearing disability"),
    3: _l("speech disability"),
    4: _l("physical disability"),
    5: _l("intellectual disability"),
    6: _l("mental disability"),
    7: _l("multiple disabilities"),
}
