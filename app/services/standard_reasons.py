"""Standard reasons staff can pick when they ask for more information, return or refuse an
application: written once in English, translated, so each applicant reads them in their own
language. What staff type besides reaches the applicant as written, labelled as such."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from app.domain.rules.service_rules import ServiceCode


@dataclass(frozen=True)
class StandardReason:
    code: str
    text: Any  # lazy: translated where it is shown


MISSING_DOCUMENT = StandardReason("missing_document", _l("A required document is missing."))
UNCLEAR_DOCUMENT = StandardReason(
    "unclear_document",
    _l("A document is unclear or cannot be read. Send a clear photo or scan."))
DETAILS_DIFFER = StandardReason(
    "details_differ",
    _l("The name or ID card number differs between the form and the documents."))
NOT_RESIDENT = StandardReason(
    "not_resident",
    _l("The applicant's household registration is not in this county, city or district."))

# transition -> reasons for every service; then the service's own, by service code.
COMMON: dict[str, tuple[StandardReason, ...]] = {
    "request_information": (MISSING_DOCUMENT, UNCLEAR_DOCUMENT, DETAILS_DIFFER),
    "return": (MISSING_DOCUMENT, NOT_RESIDENT),
    "refuse": (NOT_RESIDENT,),
    # Given by the portal itself, never offered to staff: a part of one application that waited
    # for its card part (app.domain.casework.one_application, issue 23).
    "follows_card": (
        StandardReason("card_not_issued", _l(
            "This part needs a disability card, and the card was not issued: the card part of "
            "the same application was refused or not accepted. Its letter says why. You can "
            "apply again once you have a card.")),
        StandardReason("withdrawn_with_card", _l(
            "This part needs a disability card, and the card part of the same application was "
            "withdrawn.")),
    ),
}
BY_SERVICE: dict[str, dict[str, tuple[StandardReason, ...]]] = {
    ServiceCode.TWO_SUBSIDIES: {
        "request_information": (StandardReason(
            "low_income_proof",
            _l("Proof of minimum living support or of a low-income household is needed.")),),
        "refuse": (
            StandardReason("not_low_income", _l(
                "The household neither receives minimum living support nor is a low-income "
                "household, as the living allowance requires.")),
            StandardReason("level_not_severe", _l(
                "The disability is not at level 1 or 2, as the care allowance requires.")),
            StandardReason("similar_allowance", _l(
                "The applicant already receives a similar allowance, and the two cannot be "
                "paid together.")),
        ),
    },
    ServiceCode.HOME_MODIFICATION: {
        "refuse": (StandardReason("no_need", _l(
            "The home visit found no need for the changes asked for.")),),
    },
    # The prescription (适配方案) comes from the assessment, never from the applicant
    # (docs/process.md), so a refusal rests on what the assessment found or on the subsidy's
    # list of devices.
    ServiceCode.ASSISTIVE_DEVICES: {
        "refuse": (
            StandardReason("no_device_need", _l(
                "The assessment found that the applicant does not need the device asked for.")),
            StandardReason("not_in_catalogue", _l(
                "The device asked for is not on the list of devices the subsidy covers.")),
        ),
    },
}


def standard_reasons(service_code: str, transition: str) -> tuple[StandardReason, ...]:
    return COMMON.get(transition, ()) + BY_SERVICE.get(service_code, {}).get(transition, ())


def reason_texts(service_code: str, transition_codes: list[str] | None) -> list[str]:
    """The chosen reasons in the current language, in the catalogue's order; unknown codes
    (a reason since removed) are left out rather than shown as codes."""
    if not transition_codes:
        return []
    every = {reason.code: reason for reasons in COMMON.values() for reason in reasons}
    for by_transition in BY_SERVICE.get(service_code, {}).values():
        every.update({reason.code: reason for reason in by_transition})
    return [str(every[code].text) for code in transition_codes if code in every]


# Standard opinions for the file (初审意见 at acceptance, 审核意见 when passing for decision).
# The file is kept in Chinese: the phrase is stored as Chinese text, whatever the page language.
STANDARD_OPINIONS: dict[str, tuple[StandardReason, ...]] = {
    "accept": (
        StandardReason("complete", _l("The documents are complete and the application meets "
                                      "the conditions for acceptance. Accepted.")),
        StandardReason("paper_to_check", _l("Accepted. The documents to be brought on paper "
                                            "must still be checked.")),
    ),
    "pass_for_decision": (
        StandardReason("meets", _l("Reviewed: the applicant meets the conditions. Approval is "
                                   "recommended.")),
        StandardReason("does_not_meet", _l("Reviewed: the applicant does not meet the "
                                           "conditions. Refusal is recommended.")),
    ),
}
OWN_OPINION = "own"


def standard_opinions(transition: str) -> tuple[StandardReason, ...]:
    return STANDARD_OPINIONS.get(transition, ())
