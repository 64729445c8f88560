"""Keyset paging (seek on the id) for lists of records, newest or oldest first.

The query must already hold every access rule in its WHERE clause (app.domain.access.policies gives
them as SQL): rows dropped after the LIMIT would leave a page short or empty with a link to
the next. One row beyond the page tells whether there is a next page, so a list never ends on
an empty page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute, Session

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_key: int | None  # the key to pass as `after` for the next page; None on the last


def keyset_page(session: Session, query: Select[T], key: InstrumentedAttribute[int], *,
                after: int | None, size: int, newest_first: bool = False) -> Page[T]:
    """One page of `query` ordered by `key` (an integer column), starting after `after`."""
    if after is not None:
        query = query.where(key < after if newest_first else key > after)
    query = query.order_by(key.desc() if newest_first else key.asc()).limit(size + 1)
    rows = list(session.scalars(query))
    if len(rows) <= size:
        return Page(rows, None)
    rows = rows[:size]
    return Page(rows, getattr(rows[-1], key.key))
