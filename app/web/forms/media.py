"""Forms for administrators' guide video pages: a new video, captions, transcripts, sign language.

Each language has its own field, so a message about a missing caption file or transcript sits
beside the field that fixes it. Its messages are in the one catalogue, error_messages.py.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.domain.files.media import TOPICS
from app.forms import error_messages as messages
from app.languages import HTML_LANG
from app.services.texts import ALL_SERVICE_TEXTS

VIDEO_HINT = _l("An MP4 or WebM file, up to %(size)s MB.")
SIGN_VIDEO_HINT = _l("The same video with an interpreter in Chinese National Sign Language. An "
                     "MP4 or WebM file, up to %(size)s MB.")
CAPTION_HINT = _l("A WebVTT file (.vtt) saved as UTF-8, timed to this video.")
CAPTION_REPLACE_HINT = _l("Already uploaded. Choose a file only to replace it: a WebVTT file "
                          "(.vtt) saved as UTF-8, timed to this video.")
TRANSCRIPT_HINT = _l("Everything that is said, and anything shown on screen that matters. Leave "
                     "an empty line between paragraphs.")


def _title(locale: str, label: Any) -> StringField:
    return StringField(label, validators=[InputRequired(messages.ENTER_TITLE[locale]),
                                          Length(max=200, message=messages.TITLE_TOO_LONG)],
                       render_kw={"lang": HTML_LANG[locale]})


class NewVideoForm(FlaskForm):
    service_code = RadioField(
        _l("Service"), choices=[(texts.code, _l(texts.name)) for texts in ALL_SERVICE_TEXTS],
        validators=[InputRequired(messages.CHOOSE_SERVICE)])
    topic = RadioField(_l("What is the video about?"),
                       choices=[(code, _l(label)) for code, label in TOPICS.items()],
                       validators=[InputRequired(messages.CHOOSE_TOPIC)])
    title_zh_Hans_CN = _title("zh_Hans_CN", _l("Title in Chinese"))
    title_ko = _title("ko", _l("Title in Korean"))
    title_en = _title("en", _l("Title in English"))
    video = FileField(_l("Video file"), description=VIDEO_HINT)
    sign_video = FileField(_l("Version with sign language (optional)"),
                           description=SIGN_VIDEO_HINT)


class CaptionsForm(FlaskForm):
    captions_zh_Hans_CN = FileField(_l("Chinese captions"), description=CAPTION_HINT)
    captions_ko = FileField(_l("Korean captions"), description=CAPTION_HINT)
    captions_en = FileField(_l("English captions"), description=CAPTION_HINT)


def _transcript(locale: str, label: Any) -> TextAreaField:
    return TextAreaField(label, description=TRANSCRIPT_HINT,
                         render_kw={"lang": HTML_LANG[locale], "rows": 8})


class TranscriptsForm(FlaskForm):
    transcript_zh_Hans_CN = _transcript("zh_Hans_CN", _l("Chinese transcript"))
    transcript_ko = _transcript("ko", _l("Korean transcript"))
    transcript_en = _transcript("en", _l("English transcript"))


class SignVideoForm(FlaskForm):
    sign_video_file = FileField(_l("Version with sign language"), description=SIGN_VIDEO_HINT)


class PublishForm(FlaskForm):
    """Only its CSRF token: the button pressed says publish or unpublish."""
