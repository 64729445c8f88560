"""The decision as a letter, ready to print: a refusal (who decided, why, how to contest it) or
an approval (what was granted, what happens next, the duty to report changes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from babel.dates import format_skeleton
from flask import abort, render_template
from flask_babel import format_currency, get_locale
from flask_babel import gettext as _

from app.database import get_session
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.casework.deciding_bodies import Body, body_name, deciding_body
from app.domain.casework.decisions import approval_of
from app.domain.casework.made_by import made_by_of
from app.domain.casework.process_facts import payment_from
from app.domain.casework.reference import grouped
from app.domain.casework.review_rights import review_rights, rights_from
from app.domain.casework.stages import stages_after_approval
from app.domain.casework.status_machine import CARD_ISSUED, application_kind
from app.domain.clock import today_in_china
from app.domain.models import Application
from app.domain.people import cards
from app.domain.places.divisions import load_catalogue
from app.domain.places.place_names import place_label
from app.domain.rules.service_rules import ServiceCode
from app.services import get_service
from app.services.model import ServiceDefinition, StepContext, context_of_maker
from app.services.standard_reasons import reason_texts
from app.web.access import require_account, signed_in
from app.web.forms.casework import ALLOWANCE_NAMES
from app.web.summary import Row, answer_fields
from app.web.track.blueprint import track
from app.web.track.pages import visible_application

# The answers that say what was granted, for each service: the allowances, the card service,
# the modification's scope, the device.
GRANTED_STEPS: dict[str, tuple[str, ...]] = {
    ServiceCode.TWO_SUBSIDIES: ("allowances",),
    ServiceCode.DISABILITY_ASSESSMENT: ("assessment_kind", "disability_kind"),
    ServiceCode.HOME_MODIFICATION: ("rooms", "changes"),
    ServiceCode.ASSISTIVE_DEVICES: ("need_kind", "device_category", "repair_device",
                                    "need_details"),
}


def granted(service: ServiceDefinition, application: Application) -> list[Row]:
    """What was granted, in the words of the questions the applicant answered."""
    steps = GRANTED_STEPS.get(service.code, ())
    context = StepContext(channel=application.channel,
                          **context_of_maker(made_by_of(application)))
    return [Row(key=field.label, values=field.values)
            for field in answer_fields(service, context, application.answers)
            if field.step_key in steps]


@dataclass(frozen=True)
class AllowanceRow:
    name: str
    granted: bool
    amount: str | None  # "¥120.00" in the reader's locale
    first_month: str | None


def month_name(day: Any, locale: str) -> str:
    """"2026年12月", "December 2026", "2026년 12월"."""
    return format_skeleton("yMMMM", day, locale=locale)


def _card_news(application: Application) -> cards.CardStatus | None:
    """The card's ten years, or a cancellation's one-year bar, once the stage that does it is
    recorded: a transfer changes neither."""
    if application.service_code != ServiceCode.DISABILITY_ASSESSMENT:
        return None
    card = cards.status_of(application.person, today_in_china())
    kind = application_kind(application)
    if card is None or kind == "transfer":
        return None
    if kind == "cancellation":
        return card if card.cancelled_on else None
    return card if card.expires_on and application.stage == CARD_ISSUED else None


@track.get("/applications/<int:application_id>/decision")
@signed_in
def decision_letter(application_id: int) -> str:
    account = require_account()
    db = get_session()
    application = visible_application(db, account, application_id)
    rights = review_rights(db, application)
    approval = approval_of(db, application) if rights is None else None
    if rights is None and approval is None:  # no decision yet, or withdrawn
        abort(404)
    if account.is_staff:
        record_access(db, actor=account, action=AuditAction.APPLICATION_DECISION_LETTER,
                      channel=channel_of(account), person=application.person,
                      application=application)
        db.commit()
    locale = str(get_locale())
    county_code = application.county_code
    county = load_catalogue().get(county_code or "")
    service = get_service(application.service_code)
    common: dict[str, Any] = {
        "application": application, "service": service,
        "decided_by": body_name(deciding_body(application.service_code,
                                             application_kind(application)),
                                county_code, locale),
        "county": place_label(county.name, locale) if county else None,
        "page_title": _("Decision on application %(reference)s",
                        reference=grouped(application.reference or "")),
    }
    if approval is not None:
        first_month = payment_from(application) \
            if service and service.rules.paid_from_month_of_application else None
        next_stages = [service.stage(code) for code in stages_after_approval(
            application.service_code, application_kind(application))] if service else []
        decided = [AllowanceRow(str(ALLOWANCE_NAMES[d.allowance]), d.granted,
                                format_currency(d.monthly_amount, "CNY")
                                if d.monthly_amount is not None else None,
                                month_name(d.first_month, locale) if d.first_month else None)
                   for d in approval.allowances]
        return render_template(
            "track/approval_letter.html", approval=approval, allowances=decided,
            partial_rights=rights_from(approval.decided_on, refused=True, reason=approval.note,
                                       reason_codes=[]) if approval.partly_refused else None,
            reconsidered_by=body_name(Body.GOVERNMENT, county_code, locale),
            court=body_name(Body.COURT, county_code, locale),
            # Each allowance's own decision says what was granted; otherwise the answers do.
            granted=[] if decided else granted(service, application) if service else [],
            first_month=month_name(first_month, locale) if first_month else None,
            next_stages=[stage for stage in next_stages if stage is not None],
            card=_card_news(application),
            **common)
    assert rights is not None
    return render_template(
        "track/decision_letter.html", rights=rights,
        standard_reasons=reason_texts(application.service_code, rights.reason_codes),
        reconsidered_by=body_name(Body.GOVERNMENT, county_code, locale),
        court=body_name(Body.COURT, county_code, locale),
        **common)
