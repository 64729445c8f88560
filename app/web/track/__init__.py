"""Following an application, one module per concern.

- progress: the status and what happens next, in plain words
- timeline: every change, who made it and how
- pages: the signed-in pages about one application (timeline, answering, withdrawing)
- decision_letter: a refusal as a printable letter
- inbox: the in-app messages
- lookup: the status look-up without an account
"""

from app.web.track import (  # noqa: F401  (their routes)
    decision_letter,
    inbox,
    lookup,
    pages,
    progress,
    timeline,
)
from app.web.track.blueprint import track

__all__ = ["track"]
