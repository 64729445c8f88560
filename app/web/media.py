"""Guide videos for the public: their files, and what the player partial shows.

Files go through this blueprint rather than /static so that captions carry text/vtt, drafts stay
hidden (404) from everyone but administrators, and caching is chosen here: an hour for published
files, so that unpublishing takes effect soon; never for drafts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from flask import Blueprint, abort, current_app, request, send_file, url_for
from werkzeug.wrappers import Response

from app.config import DEFAULT_LOCALE, LOCALES
from app.database import get_session
from app.domain.files import media as guide_media
from app.domain.models import GuideVideo
from app.web.access import current_account, public_page
from app.web.i18n import BY_CODE, current_language

media = Blueprint("media", __name__, url_prefix="/media")

PUBLISHED_MAX_AGE = 60 * 60
SIGN_VERSION = "sign"  # ?version=sign on a page with guide videos shows the signed versions


@dataclass(frozen=True)
class Track:
    srclang: str
    label: str
    url: str
    default: bool


@dataclass(frozen=True)
class TranscriptLink:
    url: str
    name: str
    html_lang: str


@dataclass(frozen=True)
class GuidePlayer:
    """What the player partial shows for one video, in the page's language."""

    anchor: str
    title: str
    title_lang: str | None  # set when the title is not in the page's language
    video_url: str
    video_type: str
    has_sign_version: bool
    showing_sign_version: bool
    switch_url: str  # to the other version, back at this player
    tracks: tuple[Track, ...]
    transcript: tuple[str, ...]  # paragraphs
    transcript_lang: str | None
    other_transcripts: tuple[TranscriptLink, ...]


def _in_page_language(texts: dict[str, str], locale: str) -> tuple[str, str | None]:
    """The text in the page's language, else in Chinese with its own lang."""
    if texts.get(locale):
        return texts[locale], None
    fallback = texts.get(DEFAULT_LOCALE) or next(iter(texts.values()), "")
    return fallback, BY_CODE[DEFAULT_LOCALE].html_lang


def _switch_url(page_path: str, anchor: str, *, to_sign: bool) -> str:
    """The same page showing the other version, back at the player; other query args kept."""
    args = ([(key, value) for key, value in request.args.items(multi=True) if key != "version"]
            if page_path == request.path else [])
    if to_sign:
        args.append(("version", SIGN_VERSION))
    query = urlencode(args)
    return f"{page_path}{'?' if query else ''}{query}#{anchor}"


def build_player(video: GuideVideo, *, sign: bool, page_path: str | None = None) -> GuidePlayer:
    locale = current_language().code
    anchor = f"guide-video-{video.id}"
    has_sign = bool(video.sign_video_name)
    showing_sign = sign and has_sign
    captions = video.captions or {}
    # Changes on every edit, so replaced files are fetched again despite the cache.
    version = int(video.updated_at.timestamp()) if video.updated_at else 0
    default_locale = locale if locale in captions else next(
        (code for code in LOCALES if code in captions), None)
    tracks = tuple(
        Track(srclang=BY_CODE[code].html_lang, label=BY_CODE[code].native_name,
              url=url_for("media.video_file", video=video.id, kind="captions", locale=code,
                          v=version),
              default=code == default_locale)
        for code in LOCALES if code in captions)
    title, title_lang = _in_page_language(video.titles or {}, locale)
    transcripts = video.transcripts or {}
    transcript, transcript_lang = _in_page_language(transcripts, locale)
    switch_url = _switch_url(page_path or request.path, anchor, to_sign=not showing_sign)
    return GuidePlayer(
        anchor=anchor, title=title, title_lang=title_lang,
        video_url=url_for("media.video_file", video=video.id,
                          kind="sign-language" if showing_sign else "video", v=version),
        video_type=(video.sign_video_type if showing_sign else video.video_type) or "",
        has_sign_version=has_sign, showing_sign_version=showing_sign, switch_url=switch_url,
        tracks=tracks, transcript=tuple(guide_media.transcript_paragraphs(transcript)),
        transcript_lang=transcript_lang,
        other_transcripts=tuple(
            TranscriptLink(url=url_for("media.video_file", video=video.id, kind="transcript",
                                       locale=code, v=version),
                           name=BY_CODE[code].native_name, html_lang=BY_CODE[code].html_lang)
            for code in LOCALES if code != locale and transcripts.get(code)),
    )


@media.app_template_global()
def guide_videos_for(service_code: str) -> list[GuidePlayer]:
    """The published guide videos of a service, for the start page's player partial."""
    sign = request.args.get("version") == SIGN_VERSION
    return [build_player(video, sign=sign)
            for video in guide_media.published_videos(get_session(), service_code)]


@media.app_template_global()
def guide_video_preview(video: GuideVideo, page_path: str) -> GuidePlayer:
    """The player for one video, published or not, on page_path (administrators' preview)."""
    return build_player(video, sign=request.args.get("version") == SIGN_VERSION,
                        page_path=page_path)


# The argument is named "video", not "video_id": a guide video is public material, not a record
# about a person (see tests/test_policies.py, which keeps record ids off public routes).
@media.get('/videos/<int:video>/<any(video, "sign-language"):kind>')
@media.get("/videos/<int:video>/<any(captions, transcript):kind>/"
           f"<any({', '.join(LOCALES)}):locale>")
@public_page
def video_file(video: int, kind: str, locale: str | None = None) -> Response:
    record = get_session().get(GuideVideo, video)
    if record is None or not guide_media.can_view_guide_video(current_account(), record):
        abort(404)
    if kind == "transcript":
        text = (record.transcripts or {}).get(locale or "")
        if not text:
            abort(404)
        response = Response(text + "\n", mimetype="text/plain")
        response.headers["Content-Language"] = BY_CODE[locale or DEFAULT_LOCALE].html_lang
    else:
        stored_kind = {"video": "video", "sign-language": "sign", "captions": "captions"}[kind]
        path = guide_media.file_path(record, stored_kind, locale,
                                     upload_folder=Path(current_app.config["UPLOAD_FOLDER"]),
                                     static_root=Path(current_app.static_folder or "static"))
        if path is None:
            abort(404)
        mimetype = {"video": record.video_type, "sign": record.sign_video_type,
                    "captions": "text/vtt"}[stored_kind]
        # Range requests (seeking in the player) and ETags come with send_file.
        response = send_file(path, mimetype=mimetype, conditional=True, etag=True,
                             max_age=PUBLISHED_MAX_AGE if record.published else 0)
        if kind == "captions":
            response.headers["Content-Language"] = BY_CODE[locale or DEFAULT_LOCALE].html_lang
    if record.published:
        response.cache_control.public = True
        response.cache_control.max_age = PUBLISHED_MAX_AGE
    else:
        response.cache_control.no_store = True
        response.cache_control.private = True
        response.expires = None
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response

