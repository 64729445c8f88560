"""Province-scale test data: `flask seed --people N --applications M` (never in production).

Jilin has about 1.93 million disabled residents, so benchmarks need a database of that size.
Rows are generated, not built as ORM objects: on PostgreSQL they are streamed with COPY while
foreign-key triggers and secondary indexes are off, and the indexes are rebuilt afterwards
(minutes for millions of rows); on SQLite a small default is inserted in batches.

What it makes, spread over every county and township of the catalogue: people with valid ID
and disability card numbers; an account for every second person (the others came to a counter);
applications for all four services in every status, with the answers a real journey stores;
each application's status events from draft to where it stands; a caseworker per county.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import Any

from sqlalchemy import Connection, Engine, Table, func, insert, select, text
from sqlalchemy.orm import Session

from app.domain.casework import reference
from app.domain.casework.stages import stages_after_approval
from app.domain.models import (
    Account,
    Application,
    Base,
    Channel,
    Document,
    Person,
    StatusEvent,
)
from app.domain.people.identity import check_character as id_check_character
from app.domain.people.passwords import hash_password
from app.domain.places.divisions import Division, load_catalogue
from app.domain.rules.service_rules import ServiceCode

STAFF_PASSWORD = "seed-staff-2026"
RESIDENT_PASSWORD = "seed-resident-2026"
TODAY = date(2026, 12, 1)

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕金朴崔"
GIVEN = "丽伟芳娜敏静秀英华强磊军洋勇艳杰涛明超霞平刚桂兰红梅玉珍凤云建国志海成春雪松"

# The path each status took from the draft: every application gets these events, in order.
PATHS: dict[str, tuple[str, ...]] = {
    "draft": ("draft",),
    "submitted": ("draft", "submitted"),
    "accepted": ("draft", "submitted", "accepted"),
    "returned": ("draft", "submitted", "returned"),
    "in_review": ("draft", "submitted", "accepted", "in_review"),
    "more_information": ("draft", "submitted", "accepted", "in_review", "more_information"),
    "assessing": ("draft", "submitted", "accepted", "assessing"),
    "public_notice": ("draft", "submitted", "accepted", "in_review", "public_notice"),
    "ready_for_decision": ("draft", "submitted", "accepted", "in_review", "ready_for_decision"),
    "waiting_for_quota": ("draft", "submitted", "accepted", "in_review", "ready_for_decision",
                          "waiting_for_quota"),
    "approved": ("draft", "submitted", "accepted", "in_review", "ready_for_decision",
                 "approved"),
    "refused": ("draft", "submitted", "accepted", "in_review", "ready_for_decision", "refused"),
    "in_progress": ("draft", "submitted", "accepted", "in_review", "ready_for_decision",
                    "approved", "in_progress"),
    "completed": ("draft", "submitted", "accepted", "in_review", "ready_for_decision",
                  "approved", "in_progress", "completed"),
    "withdrawn": ("draft", "submitted", "withdrawn"),
    # A part of one application (一件事) that needs the card the same application asks for.
    "waiting_for_card": ("draft", "submitted", "waiting_for_card"),
}
# Roughly how a year of work looks: most applications are decided, a fifth still open.
STATUS_WEIGHTS = {"draft": 4, "submitted": 6, "accepted": 5, "returned": 3, "in_review": 5,
                  "more_information": 3, "assessing": 2, "public_notice": 1,
                  "ready_for_decision": 2, "waiting_for_quota": 1, "approved": 8, "refused": 4,
                  "in_progress": 13, "completed": 40, "withdrawn": 3,
                  "waiting_for_card": 1}
OPEN = frozenset({"submitted", "accepted", "in_review", "more_information", "assessing",
                  "public_notice", "ready_for_decision"})
REASONS = {"returned": "材料不齐全", "refused": "不符合申请条件",
           "more_information": "请补充低保证明", "withdrawn": "申请人撤回"}

_SHARED = {
    "full_name": {"full_name": "@NAME@"}, "id_number": {"id_number": "@ID@"},
    "confirm_identity": {"correct": "yes"}, "phone": {"phone": "@PHONE@"},
    "address_county": {"county": "@COUNTY@"},
    "address_township": {"township": "@TOWNSHIP@", "address_line": "人民大街 1 号 3 单元 201"},
    "contact": {"channel": "sms", "language": "zh_Hans_CN"},
}
ANSWERS: dict[str, dict[str, Any]] = {
    ServiceCode.TWO_SUBSIDIES: {
        "allowances": {"allowances": ["living", "care"]}, **_SHARED,
        "has_card": {"has_card": "yes"}, "card_number": {"card_number": "@CARD@"},
        "care_need": {"long_term_care": "yes"}, "other_support": {"support": ["none"]},
        "communication_needs": {"needs": ["large_print"]}, "household": {"situation": "dibao"},
        "bank_account": {"bank": "吉林银行", "holder": "@NAME@", "number": "6217000012345678"},
    },
    ServiceCode.DISABILITY_ASSESSMENT: {
        **_SHARED, "assessment_kind": {"kind": "new"}, "card_number": {"card_number": "@CARD@"},
        "disability_kind": {"disability": "physical"}, "travel": {"can_travel": "yes"},
        "communication_needs": {"needs": ["none"]}, "household": {"situation": "dibao"},
    },
    ServiceCode.HOME_MODIFICATION: {
        **_SHARED, "has_card": {"has_card": "yes"}, "card_number": {"card_number": "@CARD@"},
        "communication_needs": {"needs": ["none"]}, "household": {"situation": "dibao_edge"},
        "residents": {"people": "3", "disabled_people": "1"}, "home": {"home": "own"},
        "rooms": {"rooms": ["entrance", "bathroom"]},
        "changes": {"changes": ["ramp", "grab_bars"], "details": ""},
        "priority": {"factors": ["severe", "older"]},
    },
    ServiceCode.ASSISTIVE_DEVICES: {
        **_SHARED, "has_card": {"has_card": "yes"}, "card_number": {"card_number": "@CARD@"},
        "student": {"student": "no"}, "need_kind": {"need": "new"},
        "device_category": {"category": "mobility"}, "current_device": {"current": "拐杖"},
        "need_details": {"details": "需要一辆轻便轮椅，可以自己出门"},
        "communication_needs": {"needs": ["none"]}, "household": {"situation": "none"},
    },
}
SERVICE_CODES = tuple(ANSWERS)
_TEMPLATES = {code: json.dumps(answers, ensure_ascii=False) for code, answers in ANSWERS.items()}
# The documents the two subsidies ask for with the answers above (living and care allowance, 低保).
TWO_SUBSIDIES_DOCUMENTS = ("disability_card", "identity", "household_register",
                           "minimum_living_support", "bank_card")


def answers_for(service_code: str, person: Person, phone: str) -> dict[str, Any]:
    """The seeded answers of a service, filled in with this person's name, numbers and area."""
    if person.county_code is None or person.township_code is None:
        raise ValueError("seeded answers need the person's county and township")
    answers: dict[str, Any] = json.loads(
        _TEMPLATES[service_code].replace("@NAME@", person.full_name)
        .replace("@ID@", person.id_number).replace("@CARD@", person.id_number + "41")
        .replace("@PHONE@", phone).replace("@COUNTY@", person.county_code)
        .replace("@TOWNSHIP@", person.township_code))
    return answers


def two_subsidies_draft_ready_to_send(session: Session, person: Person, account: Account,
                                      phone: str) -> Application:
    """A two-subsidies draft with every answer and document: only the declaration is left.

    The benchmark and the load test send these; tests/test_seed.py sends one through the
    declaration page, so a new step or document cannot leave them stuck without anyone noticing.
    """
    code = ServiceCode.TWO_SUBSIDIES
    draft = Application(service_code=code, person=person, created_by=account,
                        channel=Channel.ONLINE, answers=answers_for(code, person, phone))
    session.add(draft)
    for requirement in TWO_SUBSIDIES_DOCUMENTS:
        session.add(Document(application=draft, requirement_code=requirement,
                             original_filename="scan.pdf", stored_name=uuid.uuid4().hex,
                             content_type="application/pdf", size_bytes=40, sha256="0" * 64,
                             uploaded_by_account_id=account.id))
    return draft


@dataclass(frozen=True)
class SeedReport:
    people: int
    accounts: int
    applications: int
    events: int
    seconds: float


@dataclass(frozen=True)
class _Area:
    county: str
    townships: tuple[str, ...]


def _areas() -> list[_Area]:
    catalogue = load_catalogue()
    areas = []
    for prefecture in catalogue.prefectures():
        for county in catalogue.counties(prefecture.code):
            townships: Sequence[Division] = catalogue.townships(county.code)
            areas.append(_Area(county.code, tuple(t.code for t in townships) or
                               (county.code + "001",)))
    return areas


def _id_number(index: int, county: str) -> tuple[str, date, str]:
    """A valid, unique 居民身份证号: (county, birth day, sequence) is one-to-one with index."""
    per_county = index // 100  # the caller spreads consecutive indexes over counties
    birth = date(1935, 1, 1) + timedelta(days=per_county % 30000)
    sequence = per_county // 30000 * 10 + index % 10
    body = f"{county}{birth:%Y%m%d}{sequence % 1000:03d}"
    return body + id_check_character(body), birth, "male" if sequence % 2 else "female"


def _reference(index: int) -> str:
    body = ""
    for _ in range(reference.BODY_LENGTH):
        index, digit = divmod(index, len(reference.ALPHABET))
        body += reference.ALPHABET[digit]
    return body + reference.check_character(body)


def _people_rows(first_id: int, count: int, areas: list[_Area], now: str
                 ) -> Iterator[tuple[Any, ...]]:
    for n in range(count):
        area = areas[n % len(areas)]
        number, birth, sex = _id_number(n // len(areas) * 100 + n % 100, area.county)
        name = SURNAMES[n % len(SURNAMES)] + GIVEN[n // 7 % len(GIVEN)] + \
            GIVEN[n // 13 % len(GIVEN)]
        card = number + str(1 + n % 7) + str(1 + n // 7 % 4)
        yield (first_id + n, name, number, birth.isoformat(), sex, card,
               f"186{n:08d}", area.county, area.townships[n // len(areas) % len(area.townships)],
               "人民大街 1 号", "zh_Hans_CN" if n % 20 else "ko", "sms", "[]", now, now)


def _weighted_statuses(seed: int) -> list[str]:
    statuses = [s for s, weight in STATUS_WEIGHTS.items() for _ in range(weight)]
    random.Random(seed).shuffle(statuses)
    return statuses


PEOPLE_COLUMNS = ("id", "full_name", "id_number", "birth_date", "sex", "disability_card_number",
                  "phone", "county_code", "township_code", "address_line", "preferred_language",
                  "contact_channel", "communication_needs", "created_at", "updated_at")
ACCOUNT_COLUMNS = ("id", "phone", "password_hash", "display_name", "role", "area_code",
                   "person_id", "display_settings", "phone_verified_at", "is_active",
                   "session_generation", "created_at")
APPLICATION_COLUMNS = ("id", "reference", "service_code", "person_id", "created_by_account_id",
                       "channel", "status", "answers", "county_code", "township_code", "stage",
                       "due_on", "submitted_at", "decided_at", "created_at", "updated_at",
                       "version")
EVENT_COLUMNS = ("id", "application_id", "from_status", "to_status", "actor_account_id",
                 "channel", "reason", "stage", "occurred_at")


class _Generator:
    """Rows for one seed run; ids start after what the database already holds."""

    def __init__(self, *, people: int, applications: int, first_ids: dict[str, int],
                 resident_hash: str, staff_hash: str) -> None:
        self.areas = _areas()
        self.people, self.applications = people, applications
        self.first = first_ids
        self.resident_hash, self.staff_hash = resident_hash, staff_hash
        self.now = datetime.now(UTC).isoformat()
        self.statuses = _weighted_statuses(14)
        self.events = 0

    def staff_id(self, county_index: int) -> int:
        return self.first["accounts"] + county_index

    def account_of(self, person_index: int) -> int | None:
        """Every second person has an account of their own; ids follow the staff accounts."""
        if person_index % 2:
            return None
        return self.first["accounts"] + len(self.areas) + person_index // 2

    def people_rows(self) -> Iterator[tuple[Any, ...]]:
        return _people_rows(self.first["people"], self.people, self.areas, self.now)

    def account_rows(self) -> Iterator[tuple[Any, ...]]:
        for index, area in enumerate(self.areas):
            yield (self.staff_id(index), f"1890000{index:04d}", self.staff_hash,
                   f"审核员 {area.county}", "caseworker", area.county, None, "{}", self.now,
                   True, 0, self.now)
        for person in range(0, self.people, 2):
            yield (self.account_of(person), f"186{person:08d}", self.resident_hash,
                   SURNAMES[person % len(SURNAMES)] + "先生", "public", None,
                   self.first["people"] + person, "{}", self.now, True, 0, self.now)

    def event_rows(self) -> Iterator[tuple[Any, ...]]:
        self.events = 0
        events: list[tuple[Any, ...]] = []
        for _application in self.application_rows(events):
            yield from events
            events.clear()

    def application_rows(self, events: list[tuple[Any, ...]] | None = None
                         ) -> Iterator[tuple[Any, ...]]:
        """Applications; their events are appended to ``events`` as each row is made."""
        areas = self.areas
        for n in range(self.applications):
            person = (n * 7919) % self.people  # every person, in no particular order
            area_index = person % len(areas)
            area = areas[area_index]
            township = area.townships[person // len(areas) % len(area.townships)]
            service = SERVICE_CODES[n % 4]
            status = self.statuses[n % len(self.statuses)]
            own = self.account_of(person)
            creator = own if own is not None else self.staff_id(area_index)
            channel = "online" if own is not None else "counter"
            started = datetime(2025, 12, 1, 1, tzinfo=UTC) + timedelta(minutes=(n * 37) % 525600)
            number, _birth, _sex = _id_number(person // len(areas) * 100 + person % 100,
                                              area.county)
            answers = (_TEMPLATES[service].replace("@NAME@", "申请人")
                       .replace("@ID@", number).replace("@CARD@", number + "41")
                       .replace("@PHONE@", f"186{person:08d}").replace("@COUNTY@", area.county)
                       .replace("@TOWNSHIP@", township))
            application_id = self.first["applications"] + n
            sent = status != "draft"
            decided = status in {"approved", "refused", "in_progress", "completed", "returned"}
            stage = stages_after_approval(service)[0] if status in {"in_progress", "completed"} \
                else None
            due = TODAY + timedelta(days=(n % 80) - 20) if status in OPEN else None
            if events is not None:
                path = PATHS[status]
                for step, (before, after) in enumerate(pairwise(path)):
                    actor = creator if after in {"submitted", "withdrawn"} \
                        else self.staff_id(area_index)
                    events.append((self.first["events"] + self.events, application_id, before,
                                   after, actor, channel if actor == creator else "office",
                                   REASONS.get(after), stage if after == "in_progress" else None,
                                   (started + timedelta(days=step * 3)).isoformat()))
                    self.events += 1
            yield (application_id, _reference(application_id) if sent else None, service,
                   self.first["people"] + person, creator, channel, status, answers,
                   area.county, township, stage, due.isoformat() if due else None,
                   (started + timedelta(days=3)).isoformat() if sent else None,
                   (started + timedelta(days=12)).isoformat() if decided else None,
                   started.isoformat(), started.isoformat(), 1)


def _next_ids(connection: Connection) -> dict[str, int]:
    tables = {"people": Person, "accounts": Account, "applications": Application,
              "events": StatusEvent}
    return {name: (connection.scalar(select(func.max(model.__table__.c.id))) or 0) + 1
            for name, model in tables.items()}


def seed(engine: Engine, *, people: int, applications: int,
         progress: Callable[[str], None] = print) -> SeedReport:
    started = time.perf_counter()
    with engine.connect() as connection:
        first = _next_ids(connection)
    generator = _Generator(people=people, applications=applications, first_ids=first,
                           resident_hash=hash_password(RESIDENT_PASSWORD),
                           staff_hash=hash_password(STAFF_PASSWORD))
    load = _copy_into_postgresql if engine.dialect.name == "postgresql" else _insert_into_sqlite
    load(engine, generator, progress)
    return SeedReport(people=people, accounts=len(generator.areas) + (people + 1) // 2,
                      applications=applications, events=generator.events,
                      seconds=time.perf_counter() - started)


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _insert_into_sqlite(engine: Engine, generator: _Generator,
                        progress: Callable[[str], None]) -> None:
    json_columns = {"communication_needs", "display_settings", "answers"}

    def as_dicts(columns: Sequence[str], rows: Iterator[tuple[Any, ...]]
                 ) -> Iterator[dict[str, Any]]:
        for row in rows:
            record = dict(zip(columns, row, strict=True))
            for column in json_columns & record.keys():
                record[column] = json.loads(record[column])
            for column, value in record.items():
                if isinstance(value, str) and column.endswith(("_at", "_on", "_date")):
                    record[column] = (date.fromisoformat(value) if column.endswith(("_on",
                                      "_date")) else datetime.fromisoformat(value))
            yield record

    with engine.begin() as connection:
        for name, columns, rows in (
                ("people", PEOPLE_COLUMNS, generator.people_rows()),
                ("accounts", ACCOUNT_COLUMNS, generator.account_rows()),
                ("applications", APPLICATION_COLUMNS, generator.application_rows()),
                ("status_events", EVENT_COLUMNS, generator.event_rows())):
            connection.execute(insert(_table(name)), list(as_dicts(columns, rows)))
            progress(f"{name}: done")


def _copy_into_postgresql(engine: Engine, generator: _Generator,
                          progress: Callable[[str], None]) -> None:
    tables = ("people", "accounts", "applications", "status_events")
    with engine.begin() as connection:
        # Secondary indexes are rebuilt once at the end: far faster than row by row.
        indexes = connection.execute(text(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(:tables) "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint)"),
            {"tables": list(tables)}).all()
        for name, _definition in indexes:
            connection.execute(text(f'DROP INDEX "{name}"'))
        # Every generated id is consistent by construction: skip the foreign-key triggers.
        connection.execute(text("SET LOCAL session_replication_role = replica"))
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]

        def copy(table: str, columns: Sequence[str], rows: Iterator[tuple[Any, ...]]) -> None:
            begun = time.perf_counter()
            count = 0
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as stream:
                for row in rows:
                    stream.write_row(row)
                    count += 1
            progress(f"{table}: {count:,} rows in {time.perf_counter() - begun:.0f} s")

        copy("people", PEOPLE_COLUMNS, generator.people_rows())
        copy("accounts", ACCOUNT_COLUMNS, generator.account_rows())
        copy("applications", APPLICATION_COLUMNS, generator.application_rows())
        # The same applications generated again, for their events: nothing piles up in memory.
        copy("status_events", EVENT_COLUMNS, generator.event_rows())
        begun = time.perf_counter()
        for name, definition in indexes:
            connection.execute(text(definition))
            progress(f"index {name} rebuilt")
        progress(f"indexes rebuilt in {time.perf_counter() - begun:.0f} s")
        for table in tables:
            connection.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"))
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        for table in tables:
            connection.execute(text(f"VACUUM ANALYZE {table}"))
        progress("analysed")
