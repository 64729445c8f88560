"""The links of the pager (templates/components/tables.html) under every keyset-paged list."""

from __future__ import annotations

from typing import Any

from flask import request, url_for


def page_links(endpoint: str, next_key: Any, *, key_argument: str = "after",
               **kept: Any) -> dict[str, Any]:
    """`next_url` when there is a next page; `first_url` (and `paged`) once past the first page.
    `kept` are the list's other arguments, such as its filters, carried to every page."""
    paged = bool(request.args.get(key_argument))
    return {
        "paged": paged,
        "next_url": url_for(endpoint, **kept, **{key_argument: next_key}) if next_key else None,
        "first_url": url_for(endpoint, **kept) if paged else None,
    }
