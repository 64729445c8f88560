"""残疾人两项补贴 pre-check rules: one test per rule and per exclusion, and areas' extensions as
data (国发〔2015〕52号 as issue 12 states it)."""

from __future__ import annotations

import pytest

from app.domain.rules.eligibility_rules import (
    NATIONAL,
    AllowanceFacts,
    AreaRules,
    Finding,
    Reason,
    assess,
    care_allowance,
    living_allowance,
    load_area_rules,
    parse_area_rules,
    rules_for_county,
)

SEVERE_DIBAO = AllowanceFacts(has_card=True, level="1", category="physical", long_term_care=True,
                              household="dibao")


def facts(**changes: object) -> AllowanceFacts:
    return AllowanceFacts(**{**SEVERE_DIBAO.__dict__, **changes})  # type: ignore[arg-type]


EXTENDED = AreaRules("220102", living_allowance_also_for=frozenset({"dibao_edge"}),
                     care_allowance_also_for=frozenset({("intellectual", "3")}))


# --- rules -----------------------------------------------------------------------------------

def test_a_dibao_household_can_apply_for_the_living_allowance() -> None:
    assert living_allowance(facts(), NATIONAL) == Finding(True, Reason.LIVING_DIBAO)


@pytest.mark.parametrize("household", ["dibao_edge", "low_income"])
def test_a_household_above_the_line_is_not_told_it_can_apply_unless_the_area_extends(
        household: str) -> None:
    assert living_allowance(facts(household=household), NATIONAL) == \
        Finding(False, Reason.LIVING_ASK_LOCALLY)
    assert living_allowance(facts(household=household), None) == \
        Finding(False, Reason.LIVING_ASK_LOCALLY)


def test_an_area_extending_the_living_allowance_to_dibao_edge_says_it_can_apply() -> None:
    assert living_allowance(facts(household="dibao_edge"), EXTENDED) == \
        Finding(True, Reason.LIVING_EXTENDED_HERE)
    assert living_allowance(facts(household="low_income"), EXTENDED).likely is False


def test_a_household_not_on_a_low_income_is_told_the_living_allowance_is_for_dibao() -> None:
    assert living_allowance(facts(household="none"), EXTENDED) == \
        Finding(False, Reason.LIVING_NOT_LOW_INCOME)


@pytest.mark.parametrize("level", ["1", "2"])
def test_level_1_or_2_with_a_long_term_care_need_can_apply_for_the_care_allowance(
        level: str) -> None:
    assert care_allowance(facts(level=level), NATIONAL) == \
        Finding(True, Reason.CARE_SEVERE_LONG_TERM)


def test_the_care_allowance_needs_a_care_need_of_6_months_as_well_as_the_level() -> None:
    assert care_allowance(facts(long_term_care=False), NATIONAL) == \
        Finding(False, Reason.CARE_NEEDS_LONG_TERM_CARE)


@pytest.mark.parametrize("level", ["3", "4", None])
def test_level_3_or_4_of_other_categories_is_not_for_the_care_allowance(
        level: str | None) -> None:
    assert care_allowance(facts(level=level), EXTENDED) == Finding(False, Reason.CARE_LEVEL)


def test_level_3_intellectual_where_the_area_extends_the_care_allowance() -> None:
    assert care_allowance(facts(level="3", category="intellectual"), EXTENDED) == \
        Finding(True, Reason.CARE_EXTENDED_HERE)


def test_an_extension_still_needs_the_long_term_care_need() -> None:
    assert care_allowance(facts(level="3", category="intellectual", long_term_care=False),
                          EXTENDED) == Finding(False, Reason.CARE_NEEDS_LONG_TERM_CARE)


@pytest.mark.parametrize(("category", "level"), [("intellectual", "4"), ("mental", "3")])
def test_level_3_or_4_intellectual_or_mental_not_listed_is_told_to_ask_locally(
        category: str, level: str) -> None:
    assert care_allowance(facts(level=level, category=category), EXTENDED) == \
        Finding(False, Reason.CARE_ASK_LOCALLY)
    assert care_allowance(facts(level=level, category=category), None) == \
        Finding(False, Reason.CARE_ASK_LOCALLY)


def test_no_card_means_neither_allowance() -> None:
    assert assess(facts(has_card=False), NATIONAL) == [Finding(False, Reason.NO_CARD)]


# --- exclusions ------------------------------------------------------------------------------

def test_tekun_support_excludes_both_allowances() -> None:
    findings = assess(facts(household="tekun"), EXTENDED)
    assert findings == [Finding(False, Reason.TEKUN_EXCLUDES_BOTH)] * 2


def test_the_work_injury_care_allowance_excludes_both_allowances() -> None:
    findings = assess(facts(other_support=frozenset({"work_injury_care"})), NATIONAL)
    assert findings == [Finding(False, Reason.WORK_INJURY_CARE_EXCLUDES_BOTH)] * 2


def test_orphan_support_excludes_the_living_allowance_only() -> None:
    living, care = assess(facts(other_support=frozenset({"orphan"})), NATIONAL)
    assert living == Finding(False, Reason.ORPHAN_EXCLUDES_LIVING)
    assert care == Finding(True, Reason.CARE_SEVERE_LONG_TERM)


@pytest.mark.parametrize("other", ["old_age_care", "duty_disability_care", "retired_care"])
def test_another_care_allowance_asks_to_choose_the_higher_one(other: str) -> None:
    findings = assess(facts(other_support=frozenset({other})), NATIONAL)
    assert findings[-1] == Finding(True, Reason.CHOOSE_HIGHER)


def test_no_choice_of_the_higher_one_when_the_care_allowance_is_not_likely() -> None:
    findings = assess(facts(level="4", other_support=frozenset({"old_age_care"})), NATIONAL)
    assert Finding(True, Reason.CHOOSE_HIGHER) not in findings


# --- areas as data ---------------------------------------------------------------------------

def test_the_most_specific_area_applies_county_then_prefecture_then_province() -> None:
    table = {"22": NATIONAL, "220100": EXTENDED}
    assert rules_for_county("220102", table) is EXTENDED  # 南关区, in 长春市
    assert rules_for_county("220202", table) is NATIONAL  # 吉林市: the province's row
    assert rules_for_county(None, table) is None  # not known: "ask locally"


def test_area_rows_are_read_from_the_csv_columns() -> None:
    rules = parse_area_rules([{"area_code": "220102", "living_allowance_also_for": "dibao_edge",
                               "care_allowance_also_for": "intellectual:3 mental:4"}])
    assert rules["220102"].living_allowance_also_for == {"dibao_edge"}
    assert rules["220102"].care_allowance_also_for == {("intellectual", "3"), ("mental", "4")}


@pytest.mark.parametrize("row", [
    {"area_code": "22", "living_allowance_also_for": "tekun", "care_allowance_also_for": ""},
    {"area_code": "22", "living_allowance_also_for": "", "care_allowance_also_for": "physical:3"},
    {"area_code": "22", "living_allowance_also_for": "", "care_allowance_also_for": "mental:2"},
])
def test_an_extension_the_rules_do_not_allow_is_refused_when_the_data_is_read(
        row: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        parse_area_rules([row])


def test_the_shipped_area_data_reads_and_covers_the_province() -> None:
    assert "22" in load_area_rules()
