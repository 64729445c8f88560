"""Guide videos (服务指南视频): their records, the rule that a video is published only with
captions and a transcript in every language, storing their files, and the videos shipped with the
portal.

Videos and caption files are checked by their content before they come here (video_files.py,
caption_files.py), and uploads are stored outside static/ under random names (as documents are).
Videos shipped with the portal stay where they are, under static/media/guides/, and are
read-only here.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path, PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.files.caption_files import CheckedCaptions, check_captions
from app.domain.files.video_files import CheckedVideo, check_video
from app.domain.models import Account, GuideVideo, Role
from app.domain.text import N_
from app.languages import LOCALES

TOPICS = {
    "how_to_apply": N_("How to apply"),
    "documents_needed": N_("What documents you need"),
}
SOURCE_STATIC = "static"  # shipped with the portal, under static/
SOURCE_UPLOAD = "upload"  # uploaded by an administrator, under UPLOAD_FOLDER/media/
# Under the app's static folder (the caller passes it in): one folder per service code.
SAMPLES = Path("media") / "guides"


# --- the rule for publishing ----------------------------------------------------------------


@dataclass(frozen=True)
class MissingItem:
    kind: str  # "captions" or "transcript"
    locale: str


class NotReadyToPublish(Exception):
    """Publishing refused: what is missing, captions first, each in the order of LOCALES."""

    def __init__(self, missing: list[MissingItem]) -> None:
        super().__init__(", ".join(f"{item.kind}:{item.locale}" for item in missing))
        self.missing = tuple(missing)


class PublishedVideoNeedsIt(Exception):
    """A change would leave a published video without a transcript it needs."""

    def __init__(self, missing: list[MissingItem]) -> None:
        super().__init__(", ".join(f"{item.kind}:{item.locale}" for item in missing))
        self.missing = tuple(missing)


class SampleVideoIsReadOnly(Exception):
    """The files of a video shipped with the portal are changed by regenerating them."""


def missing_for_publishing(video: GuideVideo) -> list[MissingItem]:
    captions = video.captions or {}
    transcripts = video.transcripts or {}
    return ([MissingItem("captions", locale) for locale in LOCALES if not captions.get(locale)]
            + [MissingItem("transcript", locale) for locale in LOCALES
               if not (transcripts.get(locale) or "").strip()])


def publish_video(video: GuideVideo) -> None:
    missing = missing_for_publishing(video)
    if missing:
        raise NotReadyToPublish(missing)
    video.published = True


def unpublish_video(video: GuideVideo) -> None:
    video.published = False


def can_view_guide_video(account: Account | None, video: GuideVideo) -> bool:
    """Everyone sees published videos; administrators also see drafts, to check them."""
    return video.published or (account is not None and account.is_active
                                and account.role == Role.ADMIN)


# --- storing --------------------------------------------------------------------------------


def media_folder(upload_folder: Path) -> Path:
    return upload_folder / "media"


def _store(folder: Path, content: bytes) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16)
    (folder / stored_name).write_bytes(content)
    return stored_name


def _writable(video: GuideVideo) -> None:
    if video.source == SOURCE_STATIC:
        raise SampleVideoIsReadOnly(video.id)


def create_video(session: Session, *, folder: Path, service_code: str, topic: str,
                 titles: dict[str, str], video: CheckedVideo,
                 sign_video: CheckedVideo | None = None) -> GuideVideo:
    """A draft video; folder is media_folder(UPLOAD_FOLDER)."""
    if topic not in TOPICS:
        raise ValueError(f"unknown topic {topic!r}")
    if any(not (titles.get(locale) or "").strip() for locale in LOCALES):
        raise ValueError("a guide video needs a title in every language")
    record = GuideVideo(
        service_code=service_code, topic=topic, source=SOURCE_UPLOAD,
        titles={locale: titles[locale].strip() for locale in LOCALES},
        video_name=_store(folder, video.content), video_type=video.content_type,
        video_size=len(video.content), video_sha256=hashlib.sha256(video.content).hexdigest(),
        duration_ms=video.duration_ms, captions={}, transcripts={}, published=False,
    )
    session.add(record)
    if sign_video is not None:
        set_sign_video(record, folder=folder, checked=sign_video)
    session.flush()
    return record


def set_sign_video(video: GuideVideo, *, folder: Path, checked: CheckedVideo) -> None:
    _writable(video)
    video.sign_video_name = _store(folder, checked.content)
    video.sign_video_type = checked.content_type
    video.sign_video_size = len(checked.content)
    video.sign_video_sha256 = hashlib.sha256(checked.content).hexdigest()


def store_captions(video: GuideVideo, *, folder: Path, locale: str,
                   checked: CheckedCaptions) -> None:
    """The language of a caption file is the one the administrator says it is."""
    _writable(video)
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}")
    video.captions = {**(video.captions or {}), locale: _store(folder, checked.content)}


def set_transcripts(video: GuideVideo, transcripts: dict[str, str]) -> None:
    """Replace the transcripts; a published video must keep one in every language."""
    _writable(video)
    cleaned = {locale: normalise_transcript(transcripts.get(locale) or "") for locale in LOCALES}
    if video.published:
        missing = [MissingItem("transcript", locale) for locale in LOCALES if not cleaned[locale]]
        if missing:
            raise PublishedVideoNeedsIt(missing)
    video.transcripts = {locale: text for locale, text in cleaned.items() if text}


def normalise_transcript(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "\n".join(lines).strip()


def transcript_paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by an empty line; single line breaks are kept inside them."""
    return [part.strip() for part in re.split(r"\n\s*\n", text or "") if part.strip()]


def file_path(video: GuideVideo, kind: str, locale: str | None = None, *,
              upload_folder: Path, static_root: Path) -> Path | None:
    """Where the video ("video", "sign"), or its captions in a locale ("captions"), are."""
    name = {"video": video.video_name, "sign": video.sign_video_name,
            "captions": (video.captions or {}).get(locale or "")}.get(kind)
    if not name:
        return None
    if video.source == SOURCE_STATIC:
        root = (static_root / SAMPLES).resolve()
        path = (static_root / name).resolve()
        return path if path.is_relative_to(root) and path.is_file() else None
    path = media_folder(upload_folder) / PurePath(name).name
    return path if path.is_file() else None


def published_videos(session: Session, service_code: str) -> list[GuideVideo]:
    found = session.scalars(select(GuideVideo).where(GuideVideo.service_code == service_code,
                                                     GuideVideo.published.is_(True)))
    order = list(TOPICS)
    return sorted(found, key=lambda v: (order.index(v.topic) if v.topic in order else 99, v.id))


def all_videos(session: Session) -> list[GuideVideo]:
    return list(session.scalars(select(GuideVideo).order_by(GuideVideo.service_code,
                                                            GuideVideo.topic, GuideVideo.id)))


# --- the videos shipped with the portal -----------------------------------------------------


def load_sample_videos(session: Session, *, static_root: Path) -> int:
    """Create (or refresh) a published GuideVideo for each shipped "how to apply" sample.

    Made by scripts/make_guide_videos.py under static/media/guides/<service-code>/. A
    transcript's first paragraph is the video's title. Rows already there keep whether they are
    published (an administrator may have unpublished one). Returns how many rows were created;
    the caller commits.
    """
    created = 0
    for folder in sorted((static_root / SAMPLES).glob("*/how-to-apply.mp4")):
        code = folder.parent.name
        relative = folder.parent.relative_to(static_root)
        content = folder.read_bytes()
        checked = check_video(content, folder.name, max_bytes=len(content) + 1)
        transcripts = {locale: normalise_transcript(
            (folder.parent / f"transcript.{locale}.txt").read_text(encoding="utf-8"))
            for locale in LOCALES}
        for locale in LOCALES:  # refuse to ship broken captions
            check_captions((folder.parent / f"captions.{locale}.vtt").read_bytes(),
                           duration_ms=checked.duration_ms)
        record = session.scalar(select(GuideVideo).where(
            GuideVideo.service_code == code, GuideVideo.topic == "how_to_apply",
            GuideVideo.source == SOURCE_STATIC))
        is_new = record is None
        if record is None:
            record = GuideVideo(service_code=code, topic="how_to_apply", source=SOURCE_STATIC,
                                published=False)
            session.add(record)
            created += 1
        record.titles = {locale: transcript_paragraphs(text)[0]
                         for locale, text in transcripts.items()}
        record.video_name = str(relative / folder.name)
        record.video_type = checked.content_type
        record.video_size = len(content)
        record.video_sha256 = hashlib.sha256(content).hexdigest()
        record.duration_ms = checked.duration_ms
        record.captions = {locale: str(relative / f"captions.{locale}.vtt") for locale in LOCALES}
        record.transcripts = transcripts
        if is_new:
            publish_video(record)
    session.flush()
    return created
