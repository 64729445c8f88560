"""The one clock: instants in UTC, and "today" as the date in China.

Deadlines, ages and review periods count Chinese calendar days whatever the server's own time
zone: from 00:00 to 08:00 China time the UTC date is still yesterday. Everything that needs
"today" asks today_in_china(); tests freeze time by replacing utc_now.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

# A fixed offset rather than ZoneInfo("Asia/Shanghai"): China has kept UTC+8 without summer time
# since 1991, and the portal then needs no time zone database on the server.
CHINA = timezone(timedelta(hours=8), "CST")


def utc_now() -> datetime:
    return datetime.now(UTC)


def date_in_china(moment: datetime) -> date:
    """The date in China of an instant; stored instants without a zone (SQLite) are UTC."""
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(CHINA).date()


def today_in_china() -> date:
    return date_in_china(utc_now())
