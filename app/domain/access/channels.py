"""How an action reached the portal, decided in one place from who acted.

A caseworker deciding an online application works from the back office, not at a counter, so
the timeline must not say "at the counter" for it; only counter staff (窗口) act at a counter.
"""

from __future__ import annotations

from app.domain.models import Account, Channel, Role


def channel_of(actor: Account | None) -> Channel:
    if actor is None:
        return Channel.SYSTEM
    if actor.role == Role.COUNTER:
        return Channel.COUNTER
    if actor.is_staff:
        return Channel.OFFICE
    return Channel.ONLINE
