"""An uploaded video file checked by its content, never its name: MP4 or WebM, not too large,
and its length read from the MP4's own header."""

from __future__ import annotations

import enum
import struct
from collections.abc import Iterator
from dataclasses import dataclass

from app.domain.files.documents import UploadRefused, uploaded_name

# MP4 (ISO base media) files with these brands are still images (HEIF, AVIF), not videos.
IMAGE_BRANDS = {b"heic", b"heix", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"}
WEBM_MAGIC = b"\x1a\x45\xdf\xa3"


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
