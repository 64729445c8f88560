"""Guide videos (服务指南视频): checking uploaded videos and WebVTT captions, storing them, and the
rule that a video is published only with captions and a transcript in every language.

Videos and caption files are checked by their content, never their names, and uploads are stored
outside static/ under random names (as documents are). Videos shipped with the portal stay where
they are, under static/media/guides/, and are read-only here.
"""

from __future__ import annotations

import enum
import hashlib
import io
import re
import secrets
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePath

import webvtt
from sqlalchemy import select
from sqlalchemy.orm import Session
from webvtt.errors import MalformedCaptionError, MalformedFileError

from app.domain.files.documents import UploadRefused, uploaded_name
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
CAPTION_MAX_BYTES = 512 * 1024
# Encoders round the length of a video; a last cue this close after the end is accepted.
END_TOLERANCE_MS = 250

# MP4 (ISO base media) files with these brands are still images (HEIF, AVIF), not videos.
IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"}
WEBM_MAGIC = b"\x1a\x45\xdf\xa3"


# --- videos ---------------------------------------------------------------------------------


class VideoProblem(enum.StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"


class VideoRefused(UploadRefused[VideoProblem]):
    pass


@dataclass(frozen=True)
class CheckedVideo:
    content: bytes
    content_type: str
    filename: str
    duration_ms: int | None


def detect_video_type(content: bytes) -> str | None:
    """MP4 has an "ftyp" box at byte 4; WebM is EBML (1A 45 DF A3) with the doctype "webm"."""
    if len(content) >= 12 and content[4:8] == b"ftyp":
        return None if content[8:12] in IMAGE_BRANDS else "video/mp4"
    if content.startswith(WEBM_MAGIC) and b"webm" in content[:64]:
        return "video/webm"
    return None


def _boxes(content: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, payload start, box end) of the ISO base media boxes between start and end."""
    position = start
    while position + 8 <= end:
        size, kind = struct.unpack(">I4s", content[position:position + 8])
        header = 8
        if size == 1 and position + 16 <= end:
            size = struct.unpack(">Q", content[position + 8:position + 16])[0]
            header = 16
        elif size == 0:
            size = end - position
        if size < header:
            return
        yield kind, position + header, min(position + size, end)
        position += size


def mp4_duration_ms(content: bytes) -> int | None:
    """The length the MP4's movie header (moov/mvhd) gives, or None when it cannot be read."""
    for kind, start, end in _boxes(content, 0, len(content)):
        if kind != b"moov":
            continue
        for inner, payload, inner_end in _boxes(content, start, end):
            if inner != b"mvhd" or inner_end - payload < 20:
                continue
            if content[payload] == 1 and inner_end - payload >= 32:
                timescale, duration = struct.unpack(">IQ", content[payload + 20:payload + 32])
            else:
                timescale, duration = struct.unpack(">II", content[payload + 12:payload + 20])
            return round(duration * 1000 / timescale) if timescale else None
    return None


def check_video(content: bytes, filename: str, *, max_bytes: int) -> CheckedVideo:
    name = uploaded_name(filename, "video")
    if not content:
        raise VideoRefused(VideoProblem.EMPTY, name)
    if len(content) > max_bytes:
        raise VideoRefused(VideoProblem.TOO_LARGE, name)
    kind = detect_video_type(content)
    if kind is None:
        raise VideoRefused(VideoProblem.WRONG_TYPE, name)
    duration = mp4_duration_ms(content) if kind == "video/mp4" else None
    return CheckedVideo(content=content, content_type=kind, filename=name[:200],
                        duration_ms=duration)


# --- captions -------------------------------------------------------------------------------


class CaptionProblem(enum.StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    NOT_UTF8 = "not_utf8"
    NOT_WEBVTT = "not_webvtt"  # no "WEBVTT" first line
    BAD_TIMING = "bad_timing"  # a cue whose timing line cannot be read
    NO_CUES = "no_cues"
    ENDS_BEFORE_START = "ends_before_start"
    OUT_OF_ORDER = "out_of_order"
    OVERLAPS = "overlaps"
    AFTER_VIDEO_END = "after_video_end"


class CaptionsRefused(Exception):
    """details fill the message: cue (its number), line, start, end, previous_end, video_end."""

    def __init__(self, problem: CaptionProblem, **details: str | int) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.details = details


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    text: str


@dataclass(frozen=True)
class CheckedCaptions:
    content: bytes
    cues: tuple[Cue, ...]


TIMING = re.compile(r"^\s*(\d{2,}:)?\d{2}:\d{2}\.\d{3}[ \t]+-->[ \t]+(\d{2,}:)?\d{2}:\d{2}\.\d{3}"
                    r"([ \t]|$)")


def clock(milliseconds: int) -> str:
    """00:01:02.500, as WebVTT writes times."""
    hours, rest = divmod(milliseconds, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _bad_timing_line(text: str) -> str:
    line = next((line for line in text.splitlines() if "-->" in line and not TIMING.match(line)),
                "")
    return line.strip()[:80]


def check_captions(content: bytes, *, duration_ms: int | None = None,
                   max_bytes: int = CAPTION_MAX_BYTES) -> CheckedCaptions:
    """Parse WebVTT with webvtt-py; refuse files a browser would show wrongly or not at all."""
    if not content.strip():
        raise CaptionsRefused(CaptionProblem.EMPTY)
    if len(content) > max_bytes:
        raise CaptionsRefused(CaptionProblem.TOO_LARGE, size=max_bytes // 1024)
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CaptionsRefused(CaptionProblem.NOT_UTF8) from None
    try:
        parsed = webvtt.WebVTT.from_buffer(io.StringIO(text), strict=True)
    except MalformedFileError:
        raise CaptionsRefused(CaptionProblem.NOT_WEBVTT) from None
    except MalformedCaptionError:
        raise CaptionsRefused(CaptionProblem.BAD_TIMING, line=_bad_timing_line(text)) from None
    cues = tuple(Cue(start_ms=c.start_time.in_milliseconds(), end_ms=c.end_time.in_milliseconds(),
                     text=c.text) for c in parsed.captions)
    if not cues:
        raise CaptionsRefused(CaptionProblem.NO_CUES)
    previous: Cue | None = None
    for number, cue in enumerate(cues, start=1):
        if cue.end_ms <= cue.start_ms:
            raise CaptionsRefused(CaptionProblem.ENDS_BEFORE_START, cue=number,
                                  start=clock(cue.start_ms), end=clock(cue.end_ms))
        if previous is not None and cue.start_ms < previous.start_ms:
            raise CaptionsRefused(CaptionProblem.OUT_OF_ORDER, cue=number,
                                  start=clock(cue.start_ms), previous_start=clock(
                                      previous.start_ms))
        if previous is not None and cue.start_ms < previous.end_ms:
            raise CaptionsRefused(CaptionProblem.OVERLAPS, cue=number, start=clock(cue.start_ms),
                                  previous_end=clock(previous.end_ms))
        previous = cue
    if duration_ms is not None and cues[-1].end_ms > duration_ms + END_TOLERANCE_MS:
        raise CaptionsRefused(CaptionProblem.AFTER_VIDEO_END, cue=len(cues),
                              end=clock(cues[-1].end_ms), video_end=clock(duration_ms))
    return CheckedCaptions(content=content, cues=cues)


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
