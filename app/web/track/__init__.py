"""Following an application, one module per concern.

- progress: the status and what happens next, in plain words
- timeline: every change, who made it and how
- pages: the signed-in pages about one application (timeline, answering, withdrawing)
- inbox: the in-app messages
- lookup: the status look-up without an account
"""

from app.web.track import inbox, lookup, pages, progress, timeline  # noqa: F401  (routes)
from app.web.track.blueprint import track

__all__ = ["track"]
