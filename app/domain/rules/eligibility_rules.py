"""Who may get 残疾人两项补贴, as the pre-check explains it: national rules plus each area's
extensions, which are data (app/data/two-subsidies-area-rules.csv).

National rules (国发〔2015〕52号, as the portal's issue 12 states them):
- living allowance (困难残疾人生活补贴): a disabled person in a 低保 household; an area
  may extend it to households just above the line (低保边缘) or other low-income households;
- care allowance (重度残疾人护理补贴): level 1 or 2 AND a long-term care need (6 months or
  more); an area may extend it to level 3 or 4 intellectual or mental disability;
- 特困人员救助供养 and 工伤保险生活护理费 exclude both allowances; 孤儿基本生活保障
  excludes the living allowance only;
- someone who also qualifies for an old-age, 因公致残 or 离休 care allowance chooses the higher one
  (择高), and gets only that one.

A row's area_code is the province (22), a prefecture or a county; the most specific row that
contains the applicant's county applies. Advice only: staff decide.
"""

from __future__ import annotations

import csv
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

AREA_RULES_CSV = Path(__file__).resolve().parents[2] / "data" / "two-subsidies-area-rules.csv"

DIBAO = "dibao"
# Households an area may add to the living allowance.
EXTENDABLE_HOUSEHOLDS = frozenset({"dibao_edge", "low_income"})
TEKUN = "tekun"
# Other support that excludes both allowances, the living allowance only, or asks for a choice.
EXCLUDES_BOTH = frozenset({"work_injury_care"})
EXCLUDES_LIVING = frozenset({"orphan"})
CHOOSE_HIGHER = frozenset({"old_age_care", "duty_disability_care", "retired_care"})
# Categories an area may add to the care allowance at levels 3 and 4.
EXTENDABLE_CATEGORIES = frozenset({"intellectual", "mental"})
SEVERE_LEVELS = frozenset({"1", "2"})


@dataclass(frozen=True)
class AreaRules:
    area_code: str
    living_allowance_also_for: frozenset[str] = frozenset()  # household kinds beyond 低保
    care_allowance_also_for: frozenset[tuple[str, str]] = frozenset()  # (category, level)
    source: str = ""  # the published text the row follows


NATIONAL = AreaRules("")


class Reason(enum.StrEnum):
    """Why the pre-check advises what it does; the service words each reason."""

    NO_CARD = "no_card"
    TEKUN_EXCLUDES_BOTH = "tekun_excludes_both"
    WORK_INJURY_CARE_EXCLUDES_BOTH = "work_injury_care_excludes_both"
    ORPHAN_EXCLUDES_LIVING = "orphan_excludes_living"
    LIVING_DIBAO = "living_dibao"
    LIVING_EXTENDED_HERE = "living_extended_here"
    # 低保边缘 or low income where the data lists no extension: never "you can apply", and never
    # a flat "no" either, as the data may not list every county's extension yet.
    LIVING_ASK_LOCALLY = "living_ask_locally"
    LIVING_NOT_LOW_INCOME = "living_not_low_income"
    CARE_SEVERE_LONG_TERM = "care_severe_long_term"
    CARE_NEEDS_LONG_TERM_CARE = "care_needs_long_term_care"
    CARE_EXTENDED_HERE = "care_extended_here"
    CARE_ASK_LOCALLY = "care_ask_locally"  # level 3/4 intellectual or mental, not listed
    CARE_LEVEL = "care_level"
    CHOOSE_HIGHER = "choose_higher"


@dataclass(frozen=True)
class Finding:
    likely: bool
    reason: Reason


def parse_area_rules(rows: Iterable[Mapping[str, str]]) -> dict[str, AreaRules]:
    rules: dict[str, AreaRules] = {}
    for row in rows:
        households = frozenset((row.get("living_allowance_also_for") or "").split())
        unknown = households - EXTENDABLE_HOUSEHOLDS
        if unknown:
            raise ValueError(f"{row['area_code']}: the living allowance cannot be extended to "
                             f"{sorted(unknown)}")
        pairs = set()
        for item in (row.get("care_allowance_also_for") or "").split():
            category, _colon, level = item.partition(":")
            if category not in EXTENDABLE_CATEGORIES or level not in ("3", "4"):
                raise ValueError(f"{row['area_code']}: {item!r} is not category:level for a "
                                 f"level 3 or 4 intellectual or mental disability")
            pairs.add((category, level))
        rules[row["area_code"]] = AreaRules(row["area_code"], households, frozenset(pairs),
                                            (row.get("source") or "").strip())
    return rules


@cache
def load_area_rules() -> dict[str, AreaRules]:
    with AREA_RULES_CSV.open(encoding="utf-8", newline="") as handle:
        return parse_area_rules(csv.DictReader(handle))


def rules_for_county(county_code: str | None,
                     table: Mapping[str, AreaRules] | None = None) -> AreaRules | None:
    """The most specific rules for the county (county, then prefecture, then province); None
    when the county is not known, so the pre-check can say "ask locally"."""
    if not county_code:
        return None
    table = load_area_rules() if table is None else table
    for code in (county_code, county_code[:4] + "00", county_code[:2]):
        if code in table:
            return table[code]
    return NATIONAL


@dataclass(frozen=True)
class AllowanceFacts:
    """What the pre-check (or the application) says about the applicant."""

    has_card: bool
    level: str | None  # "1"–"4", or None when not known
    category: str | None  # vision … multiple, or None when not known
    long_term_care: bool  # has needed, and will need, care in daily life for 6 months or more
    household: str | None  # dibao, dibao_edge, tekun, low_income, none
    other_support: frozenset[str] = frozenset()


def living_allowance(facts: AllowanceFacts, rules: AreaRules | None) -> Finding:
    if facts.household == TEKUN:
        return Finding(False, Reason.TEKUN_EXCLUDES_BOTH)
    if facts.other_support & EXCLUDES_BOTH:
        return Finding(False, Reason.WORK_INJURY_CARE_EXCLUDES_BOTH)
    if facts.other_support & EXCLUDES_LIVING:
        return Finding(False, Reason.ORPHAN_EXCLUDES_LIVING)
    if facts.household == DIBAO:
        return Finding(True, Reason.LIVING_DIBAO)
    if facts.household in EXTENDABLE_HOUSEHOLDS:
        if rules is not None and facts.household in rules.living_allowance_also_for:
            return Finding(True, Reason.LIVING_EXTENDED_HERE)
        return Finding(False, Reason.LIVING_ASK_LOCALLY)
    return Finding(False, Reason.LIVING_NOT_LOW_INCOME)


def care_allowance(facts: AllowanceFacts, rules: AreaRules | None) -> Finding:
    if facts.household == TEKUN:
        return Finding(False, Reason.TEKUN_EXCLUDES_BOTH)
    if facts.other_support & EXCLUDES_BOTH:
        return Finding(False, Reason.WORK_INJURY_CARE_EXCLUDES_BOTH)
    severe = facts.level in SEVERE_LEVELS
    extendable = facts.level in ("3", "4") and facts.category in EXTENDABLE_CATEGORIES
    extended = extendable and rules is not None and \
        (facts.category, facts.level) in rules.care_allowance_also_for
    if extendable and not extended:
        # The data may not list every county's extension yet: never a flat "no".
        return Finding(False, Reason.CARE_ASK_LOCALLY)
    if not (severe or extended):
        return Finding(False, Reason.CARE_LEVEL)
    if not facts.long_term_care:
        return Finding(False, Reason.CARE_NEEDS_LONG_TERM_CARE)
    return Finding(True, Reason.CARE_SEVERE_LONG_TERM if severe else Reason.CARE_EXTENDED_HERE)


def assess(facts: AllowanceFacts, rules: AreaRules | None) -> list[Finding]:
    """The pre-check's findings, in the order they are shown."""
    if not facts.has_card:
        return [Finding(False, Reason.NO_CARD)]
    findings = [living_allowance(facts, rules), care_allowance(facts, rules)]
    if findings[1].likely and facts.other_support & CHOOSE_HIGHER:
        findings.append(Finding(True, Reason.CHOOSE_HIGHER))
    return findings
