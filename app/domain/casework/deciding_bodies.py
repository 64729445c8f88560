"""Which body decides an application, and where its decisions are contested, named in full.

The two allowances are decided by the county civil affairs bureau together with the disability
federation (国务院关于全面建立困难残疾人生活补贴和重度残疾人护理补贴制度的意见, 国发〔2015〕52号);
the other services by the county disability federation. A refusal is contested by
administrative reconsideration at the county people's government (行政复议法 2023, art. 24) or
by a lawsuit at the county's basic people's court (行政诉讼法 art. 18: the court where the body
that acted is).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.models import Role
from app.domain.places.divisions import load_catalogue
from app.domain.places.place_names import english_place_name
from app.domain.rules.service_rules import Body, rules_for

# Who decides is each service's rule (ServiceRules.decided_by): the deciding role (policies), the
# staff page, the applicant's timeline and the decision letters all read it through here.
# The staff role that acts for each deciding body.
# The city federation's approver is an approver whose area is the prefecture (市、州).
ROLE_OF_BODY = {Body.CIVIL_AFFAIRS: Role.CIVIL_AFFAIRS, Body.DISABILITY_FEDERATION: Role.APPROVER,
                Body.CITY_FEDERATION: Role.APPROVER}

CHINESE = {
    Body.CIVIL_AFFAIRS: "民政局",
    Body.DISABILITY_FEDERATION: "残疾人联合会",
    Body.CITY_FEDERATION: "残疾人联合会",
    Body.GOVERNMENT: "人民政府",
    Body.COURT: "人民法院",
}
ENGLISH = {
    Body.CIVIL_AFFAIRS: "Civil Affairs Bureau",
    Body.DISABILITY_FEDERATION: "Disabled Persons' Federation",
    Body.CITY_FEDERATION: "Disabled Persons' Federation",
    Body.GOVERNMENT: "People's Government",
    Body.COURT: "People's Court",
}


@dataclass(frozen=True)
class BodyName:
    text: str
    lang: str  # "zh-CN" or "en": official names are Chinese, and English for English readers


def deciding_body(service_code: str, kind: str | None = None) -> Body:
    """Who decides the service; for the card, 重新评定 is the city federation's."""
    rules = rules_for(service_code)
    if rules is None:
        return Body.DISABILITY_FEDERATION
    return rules.decided_by_kind.get(kind or "", rules.decided_by)


def decides_at_city_level(service_code: str, kind: str | None) -> bool:
    return deciding_body(service_code, kind) == Body.CITY_FEDERATION


def deciding_role_of(service_code: str) -> Role:
    return ROLE_OF_BODY[deciding_body(service_code)]


def body_of_staff(role: Role) -> Body:
    """The body a member of staff works for: civil affairs staff for the civil affairs bureau,
    the others (counter staff of the county, caseworkers, approvers) for the federation."""
    return Body.CIVIL_AFFAIRS if role == Role.CIVIL_AFFAIRS else Body.DISABILITY_FEDERATION


def body_name(body: Body, county_code: str | None, locale: str) -> BodyName:
    """"南关区民政局", or "Nanguan District Civil Affairs Bureau" for English readers; the
    city federation is named after the county's city ("长春市残疾人联合会").

    Korean readers get the Chinese official name, as on the seal of the letter.
    """
    catalogue = load_catalogue()
    county = catalogue.get(county_code or "")
    if body == Body.CITY_FEDERATION and county is not None and county.parent_code:
        county = catalogue.get(county.parent_code) or county  # the county's city (市、州)
    chinese_county = county.name if county else ""
    if locale == "en":
        place = english_place_name(chinese_county) if county else ""
        return BodyName(f"{place} {ENGLISH[body]}".strip(), "en")
    return BodyName(chinese_county + CHINESE[body], "zh-CN")
