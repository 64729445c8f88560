"""The tests' one "today" (tests/conftest.py freezes the clock there for every test).

Module-level dates must be built from these, never from date.today(): a module is imported
before any clock is frozen, on whatever day the suite happens to run.
"""

from datetime import UTC, date, datetime

# Tuesday 10 March 2026, 09:30 in Changchun (01:30 UTC), a working day inside the shipped
# holiday calendar.
FROZEN_NOW = datetime(2026, 3, 10, 1, 30, tzinfo=UTC)
FROZEN_TODAY = date(2026, 3, 10)
