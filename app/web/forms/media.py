"""Forms for administrators' guide video pages: a new video, captions, transcripts, sign language.

Each language has its own field, so a message about a missing caption file or transcript sits
beside the field that fixes it. The error messages new to these pages are written here once.
"""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length

from app.domain.media import TOPICS, CaptionProblem, VideoProblem
from app.services.texts import ALL_SERVICE_TEXTS

# The lang attribute of what is typed in each language's field (its label is in the page's).
HTML_LANG = {"zh_Hans_CN": "zh-CN", "ko": "ko", "en": "en"}

CHOOSE_SERVICE = _l("Choose the service the video is about")
CHOOSE_TOPIC = _l("Choose what the video is about")
ENTER_TITLE = {
    "zh_Hans_CN": _l("Enter the title in Chinese"),
    "ko": _l("Enter the title in Korean"),
    "en": _l("Enter the title in English"),
}
TITLE_TOO_LONG = _l("The title must be 200 characters or fewer")
CHOOSE_VIDEO = _l("Choose the video file")
CHOOSE_SIGN_VIDEO = _l("Choose the video with sign language")
CHOOSE_CAPTION_FILE = _l("Choose at least one caption file to upload")
VIDEO = {
    VideoProblem.EMPTY: _l("The file %(name)s is empty. Choose the video file"),
    VideoProblem.TOO_LARGE: _l("The file %(name)s is larger than %(size)s MB. Choose a smaller "
                               "file, or export the video at a lower bitrate"),
    VideoProblem.WRONG_TYPE: _l("The file %(name)s is not an MP4 or WebM video. Choose a video "
                                "of one of those types"),
}
CAPTIONS = {
    CaptionProblem.EMPTY: _l("The caption file is empty. Choose a WebVTT file with the captions"),
    CaptionProblem.TOO_LARGE: _l("The caption file is larger than %(size)s KB. Check that you "
                                 "chose a caption file"),
    CaptionProblem.NOT_UTF8: _l("The caption file is not saved as UTF-8 text. Save it as UTF-8 "
                                "and upload it again"),
    CaptionProblem.NOT_WEBVTT: _l("The file is not WebVTT: its first line must be WEBVTT. "
                                  "Choose a .vtt caption file"),
    CaptionProblem.BAD_TIMING: _l("A caption's time line cannot be read: “%(line)s”. Write times "
                                  "like 00:00:01.000 --> 00:00:04.000"),
    CaptionProblem.NO_CUES: _l("The caption file has no captions in it. Add at least one caption "
                               "with its times and text"),
    CaptionProblem.ENDS_BEFORE_START: _l("Caption %(cue)s ends at %(end)s, which is not after "
                                         "it starts (%(start)s). Check its times"),
    CaptionProblem.OUT_OF_ORDER: _l("Caption %(cue)s starts at %(start)s, before the caption "
                                    "above it (%(previous_start)s). Put the captions in time "
                                    "order"),
    CaptionProblem.OVERLAPS: _l("Caption %(cue)s starts at %(start)s, before the caption above "
                                "it ends (%(previous_end)s). Captions must not overlap"),
    CaptionProblem.AFTER_VIDEO_END: _l("The last caption ends at %(end)s, after the video ends "
                                       "(%(video_end)s). Check that the captions belong to this "
                                       "video"),
}
MISSING = {
    ("captions", "zh_Hans_CN"): _l("Upload the Chinese captions before publishing"),
    ("captions", "ko"): _l("Upload the Korean captions before publishing"),
    ("captions", "en"): _l("Upload the English captions before publishing"),
    ("transcript", "zh_Hans_CN"): _l("Enter the Chinese transcript before publishing"),
    ("transcript", "ko"): _l("Enter the Korean transcript before publishing"),
    ("transcript", "en"): _l("Enter the English transcript before publishing"),
}
PUBLISHED_NEEDS_TRANSCRIPT = {
    "zh_Hans_CN": _l("A published video needs a Chinese transcript. Unpublish the video before "
                     "you remove it"),
    "ko": _l("A published video needs a Korean transcript. Unpublish the video before you "
             "remove it"),
    "en": _l("A published video needs an English transcript. Unpublish the video before you "
             "remove it"),
}

VIDEO_HINT = _l("An MP4 or WebM file, up to %(size)s MB.")
SIGN_VIDEO_HINT = _l("The same video with an interpreter in Chinese National Sign Language. An "
                     "MP4 or WebM file, up to %(size)s MB.")
CAPTION_HINT = _l("A WebVTT file (.vtt) saved as UTF-8, timed to this video.")
CAPTION_REPLACE_HINT = _l("Already uploaded. Choose a file only to replace it: a WebVTT file "
                          "(.vtt) saved as UTF-8, timed to this video.")
TRANSCRIPT_HINT = _l("Everything that is said, and anything shown on screen that matters. Leave "
                     "an empty line between paragraphs.")


def _title(locale: str, label: Any) -> StringField:
    return StringField(label, validators=[InputRequired(ENTER_TITLE[locale]),
                                          Length(max=200, message=TITLE_TOO_LONG)],
                       render_kw={"lang": HTML_LANG[locale]})


class NewVideoForm(FlaskForm):
    service_code = RadioField(
        _l("Service"), choices=[(texts.code, _l(texts.name)) for texts in ALL_SERVICE_TEXTS],
        validators=[InputRequired(CHOOSE_SERVICE)])
    topic = RadioField(_l("What is the video about?"),
                       choices=[(code, _l(label)) for code, label in TOPICS.items()],
                       validators=[InputRequired(CHOOSE_TOPIC)])
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
