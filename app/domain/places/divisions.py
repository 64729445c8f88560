"""Jilin Province's administrative divisions: province, prefectures, counties and townships.

Codes are strings: "22" for the province, 6-digit GB/T 2260 codes for prefectures and counties,
9-digit statistical codes for townships and streets (乡镇/街道), whose first 6 digits are the
county. Staff areas are division codes, so "is this inside that" is answered here.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal, cast

DIVISIONS_CSV = Path(__file__).resolve().parents[2] / "data" / "jilin-divisions.csv"

Level = Literal["province", "prefecture", "county", "township"]
_LEVELS: frozenset[str] = frozenset({"province", "prefecture", "county", "township"})

PROVINCE_CODE = "22"

# County codes that changed while people kept their ID numbers, which still carry the old code.
HISTORIC_CODES: dict[str, str] = {
    "220381": "220184",  # 公主岭市: moved from 四平 to 长春 in 2020
    "220181": "220113",  # 九台市: became 长春市九台区 in 2014
}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: Level
    parent_code: str | None  # None only for the province


def resolve_historic(code: str) -> str:
    """The current code for a historic county code; any other code unchanged."""
    return HISTORIC_CODES.get(code, code)


class DivisionCatalogue:
    """All divisions, indexed by code and by parent."""

    def __init__(self, divisions: Iterable[Division]) -> None:
        self._by_code: dict[str, Division] = {}
        self._children: dict[str, list[Division]] = {}
        for division in divisions:
            self._by_code[division.code] = division
            self._children.setdefault(division.code, [])
            if division.parent_code is not None:
                self._children.setdefault(division.parent_code, []).append(division)

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Division | None:
        return self._by_code.get(code)

    def children(self, code: str) -> list[Division]:
        """Divisions directly under this one, in code order; empty for unknown codes."""
        return list(self._children.get(code, ()))

    def prefectures(self) -> list[Division]:
        return self.children(PROVINCE_CODE)

    def counties(self, prefecture_code: str) -> list[Division]:
        return self.children(prefecture_code)

    def townships(self, county_code: str) -> list[Division]:
        return self.children(county_code)

    def path(self, code: str) -> list[Division]:
        """From the province down to this division; KeyError for an unknown code."""
        chain = [self._by_code[code]]
        while (parent := chain[-1].parent_code) is not None:
            chain.append(self._by_code[parent])
        chain.reverse()
        return chain

    def contains(self, area_code: str, code: str) -> bool:
        """Whether `code` is `area_code` or lies inside it; False for unknown codes.

        Deliberately exact (no historic resolution): this decides what staff may see.
        """
        division = self._by_code.get(code)
        while division is not None:
            if division.code == area_code:
                return True
            division = self._by_code.get(division.parent_code or "")
        return False

    def resolve_historic(self, code: str) -> str:
        return resolve_historic(code)

    def region_description(self, id_region_code: str) -> Division | None:
        """The current Jilin division named by the first 6 digits of an ID number, else None.

        Falls back to the prefecture for codes such as 220101 (市辖区) that were issued to
        city districts as a whole and are not counties of their own.
        """
        code = resolve_historic(id_region_code)
        division = self._by_code.get(code)
        if division is not None and division.level == "county":
            return division
        prefecture = self._by_code.get(code[:4] + "00")
        if prefecture is not None and prefecture.level == "prefecture":
            return prefecture
        return None


def _division_from_row(row: dict[str, str]) -> Division:
    level = row["level"]
    if level not in _LEVELS:
        raise ValueError(f"unknown division level {level!r} for code {row['code']}")
    return Division(
        code=row["code"],
        name=row["name"],
        level=cast(Level, level),
        parent_code=row["parent_code"] or None,
    )


def read_catalogue(path: Path = DIVISIONS_CSV) -> DivisionCatalogue:
    with path.open(encoding="utf-8", newline="") as file:
        return DivisionCatalogue(_division_from_row(row) for row in csv.DictReader(file))


@cache
def load_catalogue() -> DivisionCatalogue:
    """The catalogue shipped with the app, read once per process."""
    return read_catalogue()
