"""WebVTT caption files checked before they are stored: parsed with webvtt-py, and refused when
a browser would show them wrongly or not at all (cues out of order, overlapping, or running past
the end of the video)."""

from __future__ import annotations

import enum
import io
import re
from dataclasses import dataclass

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

CAPTION_MAX_BYTES = 512 * 1024
# Encoders round the length of a video; a last cue this close after the end is accepted.
END_TOLERANCE_MS = 250


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
