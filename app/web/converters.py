"""URL converters: a record id in a path is a number the database can hold.

Werkzeug's ``int`` accepts any number of digits; /applications/99999999999999999999 then
reached the database and failed there (a 500). Ids here are at most PostgreSQL's INTEGER, so a
larger number is "not found", like any other id nobody has.
"""

from __future__ import annotations

from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**31 - 1  # PostgreSQL INTEGER, the type of every id column


class RecordIdConverter(IntegerConverter):
    """``<int:...>`` with no more than a database id can be: a larger number matches no route."""

    def __init__(self, map: object, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)  # type: ignore[arg-type]
