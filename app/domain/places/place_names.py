"""Place names for each reader: English (pinyin and the kind of place), Yanbian's own Korean
names, or the Chinese name.

"南关区" reads "Nanguan District" in English (app.domain.places.romanisation says how the names were
made). Korean readers see the Korean name where the place writes one and the Chinese name
elsewhere: the Hangul readings of South Korean dictionaries differ from those used in Yanbian
(용정 / 룡정), so a generated reading would mislead.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

# Made once from the division list by `make place-names` (scripts/make_place_names.py, with
# app.domain.places.romanisation): pypinyin's dictionaries took about 50 MB in every worker to name
# a fixed list of places (issue 26), so the workers read the names as data.
ENGLISH_NAMES_CSV = Path(__file__).resolve().parents[2] / "data" / "jilin-place-names-en.csv"


@cache
def _english_names() -> dict[str, str]:
    with ENGLISH_NAMES_CSV.open(encoding="utf-8", newline="") as file:
        return {row["name"]: row["english"] for row in csv.DictReader(file)}


def english_place_name(chinese: str) -> str:
    """The English name of a division of Jilin; a name not in the list stays as written."""
    return _english_names().get(chinese, chinese)


# The Korean names the Korean autonomous areas themselves use (issue 25): Yanbian's prefecture
# and its cities and counties, and Changbai county, as written in Korean in Yanbian's official
# usage (the Chinese Korean orthography keeps the initial ㄹ: 룡정, not 용정). Elsewhere Korean
# readers see the Chinese name, for the reason above.
KOREAN_NAMES = {
    "延边朝鲜族自治州": "연변조선족자치주",
    "延吉市": "연길시",
    "图们市": "도문시",
    "敦化市": "돈화시",
    "珲春市": "훈춘시",
    "龙井市": "룡정시",
    "和龙市": "화룡시",
    "汪清县": "왕청현",
    "安图县": "안도현",
    "长白朝鲜族自治县": "장백조선족자치현",
}


def korean_place_name(chinese: str) -> str | None:
    """The Korean name where the place writes one (each part of "延边朝鲜族自治州 延吉市")."""
    parts = chinese.split(" ")
    if all(part in KOREAN_NAMES for part in parts):
        return " ".join(KOREAN_NAMES[part] for part in parts)
    return None


def place_label(chinese: str, locale: str) -> tuple[str, dict[str, str]]:
    """The name to show in a list, and the lang attribute it needs on the page."""
    if locale == "en":
        return english_place_name(chinese), {}
    if locale == "ko" and (korean := korean_place_name(chinese)) is not None:
        return korean, {}
    return chinese, {"lang": "zh-CN"}
