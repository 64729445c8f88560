"""The disability card's life (残疾人证, 《中华人民共和国残疾人证管理办法》, 残联发〔2017〕34号).

- 第十九条: the card is valid ten years, then renewed (换领) free of charge. Its issue and expiry
  dates are on the person's record, set when the assessment service records "card issued"; the
  person is reminded 90 days before it expires (the daily `flask send-card-reminders`), once
  for each expiry date.
- 第二十四条: the card is cancelled (注销) when the holder dies or, as the designated
  institution's assessment finds, no longer meets the standard; a new application may not be
  made within a year of the cancellation.
docs/process.md names the sources.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.domain.models import Person

VALID_YEARS = 10  # 第十九条
REMIND_DAYS_BEFORE = 90  # issue 22
BARRED_YEARS = 1  # 第二十四条


class Ground(enum.StrEnum):
    """第二十四条's two grounds for 注销; no other ground has a source."""

    DIED = "died"
    NO_LONGER_MEETS_STANDARD = "no_longer_meets_standard"


def years_later(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def expiry_of(issued_on: date) -> date:
    """The card's last valid day: ten years from issue, less a day."""
    return years_later(issued_on, VALID_YEARS) - timedelta(days=1)


def record_issued(person: Person, today: date) -> None:
    """A new card (新办, 换领, 补办, change, 重新评定): valid ten years from today."""
    person.card_issued_on = today
    person.card_expires_on = expiry_of(today)
    person.card_reminded_for = None
    person.card_cancelled_on = None
    person.card_cancellation_ground = None


def record_cancelled(person: Person, ground: str | None, today: date) -> None:
    person.card_cancelled_on = today
    person.card_cancellation_ground = Ground(ground).value if ground in set(Ground) else None
    person.card_expires_on = None
    person.card_reminded_for = None


def new_application_from(person: Person | None, today: date) -> date | None:
    """The first day a new card may be applied for, while a cancellation bars it; else None."""
    if person is None or person.card_cancelled_on is None:
        return None
    allowed = years_later(person.card_cancelled_on, BARRED_YEARS)
    return allowed if today < allowed else None


def expiring_soon(person: Person, today: date) -> bool:
    """Within the 90 days before expiry (or already expired): the page offers renewal."""
    expires = person.card_expires_on
    return expires is not None and person.card_cancelled_on is None and \
        expires - timedelta(days=REMIND_DAYS_BEFORE) <= today


def reminders_due(session: Session, today: date, *, limit: int = 1000) -> list[Person]:
    """Holders whose card expires within 90 days and who were not yet reminded of that date."""
    return list(session.scalars(
        select(Person)
        .where(Person.card_expires_on.is_not(None),
               Person.card_expires_on >= today,
               Person.card_expires_on <= today + timedelta(days=REMIND_DAYS_BEFORE),
               Person.card_cancelled_on.is_(None),
               or_(Person.card_reminded_for.is_(None),
                   Person.card_reminded_for != Person.card_expires_on))
        .order_by(Person.card_expires_on, Person.id).limit(limit)
        # Two runs at once on PostgreSQL: each holder is reminded by one of them only.
        .with_for_update(skip_locked=True)))


def mark_reminded(person: Person) -> None:
    person.card_reminded_for = person.card_expires_on


def send_reminders(session: Session, today: date, remind: Callable[[Session, Person], None],
                   *, batch: int = 500) -> int:
    """Reminds every holder due (the message and the mark in one commit per batch), so a run
    repeated the same day, or stopped half-way and run again, reminds nobody twice."""
    sent = 0
    while due := reminders_due(session, today, limit=batch):
        for person in due:
            remind(session, person)
            mark_reminded(person)
        session.commit()
        sent += len(due)
    return sent


@dataclass(frozen=True)
class CardStatus:
    """The card as the person and staff read it on their pages."""

    issued_on: date | None
    expires_on: date | None
    cancelled_on: date | None
    new_card_from: date | None  # a cancellation still bars a new card until then
    renew_now: bool  # within 90 days of expiry (or expired): renewal is offered


def status_of(person: Person | None, today: date) -> CardStatus | None:
    """None when the portal holds no card date for the person."""
    if person is None or (person.card_issued_on is None and person.card_cancelled_on is None):
        return None
    return CardStatus(person.card_issued_on, person.card_expires_on, person.card_cancelled_on,
                      new_application_from(person, today), expiring_soon(person, today))
