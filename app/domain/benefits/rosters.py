"""The rosters civil affairs import (issue 23): each month's 低保 and 特困 rosters, and the deaths
reported by 公安 or 民政. A file is CSV (UTF-8 or GB18030, as exported by Excel in China) or
XLSX. Every line is checked first; one wrong line refuses the whole file with each wrong line
named, and nothing is stored (all or nothing).

Re-importing a month changes nothing: the same file again is recognised by its SHA-256; a
corrected file for the same kind, month and area replaces the month's roster as one change.
"""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from app.domain.models import (
    Account,
    AssistanceKind,
    AssistanceRoster,
    AssistanceRosterEntry,
    DeathRecord,
    DeathSource,
)
from app.domain.people.identity import InvalidIdNumber, normalise_digits, parse_resident_id
from app.domain.places.divisions import load_catalogue

# The header each file starts with, in the words civil affairs use.
ASSISTANCE_COLUMNS = ("身份证号", "姓名", "户籍县区代码")
DEATH_COLUMNS = ("身份证号", "姓名", "死亡日期")
# A province's monthly 低保 roster is some 300,000 lines (bench/outreach.py).
MOST_LINES = 500_000
NAME_MAX = 100
BATCH = 5000


@dataclass(frozen=True)
class LineProblem:
    line: int  # 1: the header
    problem: str  # a code the web layer words: see PROBLEMS


PROBLEMS = ("not_readable", "columns", "empty", "too_many_lines", "id_number", "name",
            "county", "outside_area", "repeated", "died_on")


class RosterRefused(ValueError):
    def __init__(self, problems: list[LineProblem]) -> None:
        super().__init__(problems)
        self.problems = problems


def read_lines(content: bytes) -> list[list[str]]:
    """The file's lines as cells of text: XLSX (a zip) by openpyxl, else CSV."""
    if content[:2] == b"PK":
        return _xlsx_lines(content)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("gb18030")
        except UnicodeDecodeError:
            raise RosterRefused([LineProblem(1, "not_readable")]) from None
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise RosterRefused([LineProblem(1, "not_readable")]) from None


def _xlsx_lines(content: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise RosterRefused([LineProblem(1, "not_readable")]) from None
    sheet = book.worksheets[0]
    lines = [["" if cell is None else _cell_text(cell) for cell in row]
             for row in sheet.iter_rows(values_only=True)]
    book.close()
    return lines


def _cell_text(cell: object) -> str:
    if isinstance(cell, date):
        return cell.strftime("%Y-%m-%d")
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _body(lines: list[list[str]], columns: Sequence[str]) -> Iterable[tuple[int, list[str]]]:
    """The lines after the header, numbered as a spreadsheet numbers them; blank lines skipped."""
    if not lines or [c.strip() for c in lines[0][:len(columns)]] != list(columns) \
            or any(c.strip() for c in lines[0][len(columns):]):
        raise RosterRefused([LineProblem(1, "columns")])
    if len(lines) > MOST_LINES + 1:
        raise RosterRefused([LineProblem(1, "too_many_lines")])
    if not any(any(c.strip() for c in cells) for cells in lines[1:]):
        raise RosterRefused([LineProblem(1, "empty")])
    for number, cells in enumerate(lines[1:], start=2):
        cells = [c.strip() for c in cells]
        while len(cells) > len(columns) and not cells[-1]:
            cells.pop()
        if not any(cells):
            continue
        yield number, cells


def _id_number(text: str, today: date) -> str | None:
    try:
        return parse_resident_id(text, today=today).value
    except InvalidIdNumber:
        return None


def _name_problem(name: str) -> bool:
    return not name or len(name) > NAME_MAX


@dataclass(frozen=True)
class AssistanceLine:
    id_number: str
    full_name: str
    county_code: str


def check_assistance_roster(lines: list[list[str]], *, area_code: str,
                            today: date) -> list[AssistanceLine]:
    """Every line of a 低保 or 特困 roster, checked; RosterRefused names each wrong line."""
    catalogue = load_catalogue()
    problems: list[LineProblem] = []
    checked: list[AssistanceLine] = []
    seen: set[str] = set()
    for number, cells in _body(lines, ASSISTANCE_COLUMNS):
        if len(cells) != len(ASSISTANCE_COLUMNS):
            problems.append(LineProblem(number, "columns"))
            continue
        id_text, name, county = cells
        id_number = _id_number(id_text, today)
        county = catalogue.resolve_historic(normalise_digits(county))
        division = catalogue.get(county)
        if id_number is None:
            problems.append(LineProblem(number, "id_number"))
        elif _name_problem(name):
            problems.append(LineProblem(number, "name"))
        elif division is None or division.level != "county":
            problems.append(LineProblem(number, "county"))
        elif not catalogue.contains(area_code, county):
            problems.append(LineProblem(number, "outside_area"))
        elif id_number in seen:
            problems.append(LineProblem(number, "repeated"))
        else:
            seen.add(id_number)
            checked.append(AssistanceLine(id_number, name, county))
    if problems:
        raise RosterRefused(problems)
    return checked


@dataclass(frozen=True)
class RosterImported:
    roster: AssistanceRoster
    changed: bool  # False: the same file was imported before, nothing changed
    replaced: bool  # a corrected file replaced the month's earlier roster


def import_assistance_roster(session: Session, *, kind: AssistanceKind, month: date,
                             area_code: str, content: bytes, today: date,
                             actor: Account | None) -> RosterImported:
    """Checks every line, then stores the month's roster in one change (the caller commits)."""
    month = month.replace(day=1)
    digest = hashlib.sha256(content).hexdigest()
    existing = session.scalar(select(AssistanceRoster).where(
        AssistanceRoster.kind == kind, AssistanceRoster.month == month,
        AssistanceRoster.area_code == area_code))
    if existing is not None and existing.file_sha256 == digest:
        return RosterImported(existing, changed=False, replaced=False)
    lines = check_assistance_roster(read_lines(content), area_code=area_code, today=today)
    if existing is not None:
        session.execute(delete(AssistanceRosterEntry)
                        .where(AssistanceRosterEntry.roster_id == existing.id))
        roster = existing
        roster.file_sha256, roster.row_count = digest, len(lines)
        roster.imported_by_account_id = actor.id if actor else None
    else:
        roster = AssistanceRoster(kind=kind, month=month, area_code=area_code,
                                  file_sha256=digest, row_count=len(lines),
                                  imported_by_account_id=actor.id if actor else None)
        session.add(roster)
    session.flush()
    # Core inserts in batches: a province's roster is hundreds of thousands of lines.
    for start in range(0, len(lines), BATCH):
        session.execute(insert(AssistanceRosterEntry), [
            {"roster_id": roster.id, "kind": kind, "month": month, "id_number": line.id_number,
             "full_name": line.full_name, "county_code": line.county_code}
            for line in lines[start:start + BATCH]])
    return RosterImported(roster, changed=True, replaced=existing is not None)


@dataclass(frozen=True)
class DeathLine:
    id_number: str
    full_name: str
    died_on: date


def check_death_roster(lines: list[list[str]], *, today: date) -> list[DeathLine]:
    problems: list[LineProblem] = []
    checked: list[DeathLine] = []
    seen: set[str] = set()
    for number, cells in _body(lines, DEATH_COLUMNS):
        if len(cells) != len(DEATH_COLUMNS):
            problems.append(LineProblem(number, "columns"))
            continue
        id_text, name, died_text = cells
        id_number = _id_number(id_text, today)
        died_on = _date(died_text)
        if id_number is None:
            problems.append(LineProblem(number, "id_number"))
        elif _name_problem(name):
            problems.append(LineProblem(number, "name"))
        elif died_on is None or died_on > today:
            problems.append(LineProblem(number, "died_on"))
        elif id_number in seen:
            problems.append(LineProblem(number, "repeated"))
        else:
            seen.add(id_number)
            checked.append(DeathLine(id_number, name, died_on))
    if problems:
        raise RosterRefused(problems)
    return checked


def _date(text: str) -> date | None:
    text = normalise_digits(text).replace("/", "-").replace(".", "-")
    try:
        return date.fromisoformat(text[:10]) if len(text) >= 8 else None
    except ValueError:
        parts = text.split("-")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            try:
                return date(int(parts[0]), int(parts[1]), int(parts[2]))
            except ValueError:
                return None
        return None


def new_deaths(session: Session, *, source: DeathSource, content: bytes, today: date,
               actor: Account | None) -> list[DeathRecord]:
    """The roster's deaths not recorded before, stored (matched with people by
    app.domain.people.deaths); a death already recorded is left as it is, so a file imported twice
    changes nothing."""
    lines = check_death_roster(read_lines(content), today=today)
    digest = hashlib.sha256(content).hexdigest()
    known = set(session.scalars(select(DeathRecord.id_number).where(
        DeathRecord.id_number.in_([line.id_number for line in lines]))))
    made = [DeathRecord(id_number=line.id_number, full_name=line.full_name,
                        died_on=line.died_on, source=source, file_sha256=digest,
                        imported_by_account_id=actor.id if actor else None)
            for line in lines if line.id_number not in known]
    session.add_all(made)
    return made
