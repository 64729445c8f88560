"""The answers of an application (Application.answers, JSON): each step's key → that step's fields.

This module owns the keys of the steps that are read outside their own step (the shared steps:
who it is for, identity, contact, address, needs) and the typed accessors that read them; the
rest of the code asks ``contact_phone(answers)``, never ``answers["phone"]["phone"]``. A service's
own steps are read by its definition (app/services), which declares them. A test
(tests/test_answers_contract.py) fails on a string key into answers anywhere else.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Answers = Mapping[str, Mapping[str, Any]]

# A step saved with "save and come back later" but not yet valid.
PARTIAL = "_partial"

# The shared steps' keys (app/services/shared_steps.py declares the steps).
APPLICANT = "applicant"
FULL_NAME = "full_name"
ID_NUMBER = "id_number"
PHONE = "phone"
CONTACT = "contact"
ADDRESS_COUNTY = "address_county"
ADDRESS_TOWNSHIP = "address_township"
HUKOU_COUNTY = "hukou_county"
HAS_CARD = "has_card"
CARD_NUMBER = "card_number"
HOUSEHOLD = "household"
CARE_NEED = "care_need"
COMMUNICATION_NEEDS = "communication_needs"
# Service steps read by the domain: the two subsidies' allowances, the kind of card service.
ALLOWANCES = "allowances"
ASSESSMENT_KIND = "assessment_kind"
CANCELLATION = "cancellation"
BANK_ACCOUNT = "bank_account"
# Shared steps a pre-filled draft answers (issue 23's invitation).
HAS_CARD = "has_card"
HOUSEHOLD = "household"


def step_answer(answers: Answers | None, step: str) -> Mapping[str, Any]:
    """A step's fields; empty when the step is not answered."""
    return (answers or {}).get(step) or {}


def answer(answers: Answers | None, step: str, field: str, default: Any = None) -> Any:
    return step_answer(answers, step).get(field, default)


def is_partial(answers: Answers | None, step: str) -> bool:
    """Whether the step was kept with "save and come back later" without being valid."""
    return bool(step_answer(answers, step).get(PARTIAL))


def for_whom(answers: Answers | None) -> str:
    """"self", or whom an agent applies for."""
    return answer(answers, APPLICANT, "for_whom", "self")


def full_name(answers: Answers | None) -> str:
    return answer(answers, FULL_NAME, "full_name")


def id_number(answers: Answers | None) -> str | None:
    """The ID number as typed (normalised by the step), partial or not."""
    return answer(answers, ID_NUMBER, "id_number")


def contact_phone(answers: Answers | None) -> str | None:
    return answer(answers, PHONE, "phone")


def contact_language(answers: Answers | None) -> str | None:
    return answer(answers, CONTACT, "language")


def contact_channel(answers: Answers | None) -> str | None:
    return answer(answers, CONTACT, "channel")


def address_county(answers: Answers | None, default: str | None = None) -> str | None:
    return answer(answers, ADDRESS_COUNTY, "county", default)


def address_township(answers: Answers | None, default: str | None = None) -> str | None:
    return answer(answers, ADDRESS_TOWNSHIP, "township", default)


def address_line(answers: Answers | None, default: str | None = None) -> str | None:
    return answer(answers, ADDRESS_TOWNSHIP, "address_line", default)


def hukou_county_choice(answers: Answers | None) -> str | None:
    """The 户籍 county chosen, or jurisdiction.SAME_AS_HOME."""
    return answer(answers, HUKOU_COUNTY, "county")


def card_number(answers: Answers | None) -> str | None:
    return answer(answers, CARD_NUMBER, "card_number")


def communication_needs(answers: Answers | None) -> list[str] | None:
    """The needs ticked ("none" among them when so answered); None: the step is not answered."""
    return answer(answers, COMMUNICATION_NEEDS, "needs")


def allowances(answers: Answers | None) -> list[str]:
    """The allowances ticked (the two subsidies), in the order stored."""
    return list(answer(answers, ALLOWANCES, "allowances") or [])


def assessment_kind(answers: Answers | None) -> str | None:
    """The kind of card service (new, renewal, reissue ...); None for other services."""
    return answer(answers, ASSESSMENT_KIND, "kind")


def cancellation_ground(answers: Answers | None) -> str | None:
    """Why the card is to be cancelled (注销): the holder died, or no longer meets the standard."""
    return answer(answers, CANCELLATION, "reason")


def bank_account(answers: Answers | None) -> Mapping[str, Any]:
    """The bank, holder and number the two subsidies are paid into, as the applicant gave them."""
    return step_answer(answers, BANK_ACCOUNT)


def household_situation(answers: Answers | None) -> str | None:
    """dibao, dibao_edge, tekun, low_income or none, as the household step was answered."""
    return answer(answers, HOUSEHOLD, "situation")


def long_term_care(answers: Answers | None) -> str | None:
    """"yes" or "no" to the care allowance's long-term care question; None: not asked."""
    return answer(answers, CARE_NEED, "long_term_care")


def two_subsidies_prefill(*, allowances_claimed: list[str], full_name: str | None,
                          id_number: str | None, card: str | None, household: str | None,
                          for_whom: str | None = None) -> dict[str, dict[str, Any]]:
    """A two-subsidies draft's answers filled from the shared data (issue 23): the name and ID
    from the ID card, the card, the household on the roster, and the allowances the roster
    comparison found. The wizard asks the rest; the person checks and can change every answer
    before sending. ``for_whom``: "self" or "person-<id>" when the applicant step is asked."""
    filled: dict[str, dict[str, Any]] = {ALLOWANCES: {"allowances": list(allowances_claimed)}}
    if for_whom:
        filled[APPLICANT] = {"for_whom": for_whom}
    if full_name and id_number:
        filled[FULL_NAME] = {"full_name": full_name}
        filled[ID_NUMBER] = {"id_number": id_number}
    if card:
        filled[HAS_CARD] = {"has_card": "yes"}
        filled[CARD_NUMBER] = {"card_number": card}
    if household:
        filled[HOUSEHOLD] = {"situation": household}
    return filled
