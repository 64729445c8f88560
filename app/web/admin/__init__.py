"""Administration: staff accounts, the audit log, and guide videos.

- staff: the staff accounts an administrator may see, made and changed within their own area
- audit: the audit log, as far as the reader may see it
- videos: guide videos (服务指南视频): uploads, captions, transcripts, sign language, publishing
"""

from app.web.admin import audit, staff, videos  # noqa: F401  (their routes)
from app.web.admin.blueprint import admin

__all__ = ["admin"]
