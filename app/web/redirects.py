"""Where a ``?next=`` may send someone: back to a page of this site, and nowhere else."""

from __future__ import annotations

from urllib.parse import urlsplit


def safe_local_path(target: str | None, fallback: str) -> str:
    """``target`` when it is a path on this site, otherwise ``fallback``.

    Refused: other sites ("//host", "https://host"), a backslash (browsers read "/\\\\host" as
    "//host"), and control characters such as CR and LF, which would break the Location header.
    """
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return fallback
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in target):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return fallback
    return target
