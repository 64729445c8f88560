"""Guide videos (服务指南视频): uploaded with their titles, then captions, transcripts and a
version with sign language added, and published on the service's start page. Every change is in
the audit log."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response
from wtforms import Field

from app.config import LOCALES
from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.files import caption_files, video_files
from app.domain.files import media as guide_media
from app.domain.models import Account, Channel, GuideVideo, Role
from app.forms import error_messages as messages
from app.services.texts import ALL_SERVICE_TEXTS
from app.web.access import require_account_allowed, staff_only
from app.web.admin.blueprint import admin
from app.web.components import first_control_id
from app.web.forms import media as media_forms
from app.web.i18n import current_language

SERVICE_NAMES = {texts.code: texts.name for texts in ALL_SERVICE_TEXTS}


def _video_admin() -> Account:
    return require_account_allowed(policies.can_manage_guide_videos)


def _media_max_mb() -> int:
    """Guide videos are larger than documents: each file may be this large (app/config.py)."""
    return int(current_app.config["MEDIA_MAX_MB"])


def _media_folder() -> Path:
    return guide_media.media_folder(Path(current_app.config["UPLOAD_FOLDER"]))


def _add_error(field: Field, message: object) -> None:
    field.errors = [*field.errors, str(message)]


def _read_video(field: Field, *, required: bool) -> video_files.CheckedVideo | None:
    """The chosen video checked by its content, or None with the reason beside the field."""
    upload = field.data
    if not upload or not getattr(upload, "filename", ""):
        if required:
            _add_error(field, messages.CHOOSE_VIDEO)
        return None
    max_mb = _media_max_mb()
    try:
        return video_files.check_video(upload.read(), upload.filename,
                                       max_bytes=max_mb * 1024 * 1024)
    except video_files.VideoRefused as refused:
        _add_error(field, str(messages.VIDEO_FILE[refused.problem]) % {
            "name": refused.filename, "size": max_mb})
        return None


def _video_or_404(video_id: int) -> GuideVideo:
    video = get_session().get(GuideVideo, video_id)
    if video is None:
        abort(404)
    return video


def _in_page_language(texts: dict[str, str]) -> str:
    return (texts or {}).get(current_language().code) or next(iter((texts or {}).values()), "")


@admin.get("/videos")
@staff_only(Role.ADMIN)
def videos() -> str:
    _video_admin()
    return render_template(
        "admin/videos.html", videos=guide_media.all_videos(get_session()),
        service_names=SERVICE_NAMES, topics=guide_media.TOPICS, title_of=_in_page_language,
        locales=LOCALES,
    )


@admin.route("/videos/new", methods=["GET", "POST"])
@staff_only(Role.ADMIN)
def new_video() -> str | Response:
    me = _video_admin()
    form = media_forms.NewVideoForm()
    size = {"size": _media_max_mb()}
    form.video.description = str(media_forms.VIDEO_HINT) % size
    form.sign_video.description = str(media_forms.SIGN_VIDEO_HINT) % size
    if request.method == "POST":
        valid = form.validate_on_submit()
        # Files are checked even when another field is wrong, so every problem shows at once.
        checked = _read_video(form.video, required=True)
        sign = _read_video(form.sign_video, required=False)
        if valid and checked is not None and not form.sign_video.errors:
            db = get_session()
            video = guide_media.create_video(
                db, folder=_media_folder(), service_code=form.service_code.data,
                topic=form.topic.data, sign_video=sign, video=checked,
                titles={locale: form[f"title_{locale}"].data for locale in LOCALES})
            return _video_saved(
                me, video, AuditAction.GUIDE_VIDEO_CREATE,
                _("The video is uploaded. Add its captions and transcripts, then publish it."),
                service_code=video.service_code)
    return render_template("admin/videos_new.html", form=form)


def _manage_page(video: GuideVideo, *,
                 captions_form: media_forms.CaptionsForm | None = None,
                 transcripts_form: media_forms.TranscriptsForm | None = None,
                 sign_form: media_forms.SignVideoForm | None = None) -> str:
    captions_form = captions_form or media_forms.CaptionsForm(formdata=None)
    transcripts_form = transcripts_form or media_forms.TranscriptsForm(
        formdata=None, data={f"transcript_{locale}": (video.transcripts or {}).get(locale, "")
                             for locale in LOCALES})
    sign_form = sign_form or media_forms.SignVideoForm(formdata=None)
    for locale in LOCALES:
        if (video.captions or {}).get(locale):
            captions_form[f"captions_{locale}"].description = media_forms.CAPTION_REPLACE_HINT
    sign_form.sign_video_file.description = (
        str(media_forms.SIGN_VIDEO_HINT) % {"size": _media_max_mb()})
    # One error summary for the page, in page order, whichever of its forms was sent.
    page_errors = [(first_control_id(field), field.errors[0])
                   for form in (captions_form, transcripts_form, sign_form)
                   for field in form if field.errors and field.type != "CSRFTokenField"]
    return render_template(
        "admin/videos_manage.html", video=video, captions_form=captions_form,
        transcripts_form=transcripts_form, sign_form=sign_form,
        publish_form=media_forms.PublishForm(formdata=None), page_errors=page_errors,
        page_title=_("Guide video: %(title)s", title=_in_page_language(video.titles)),
        service_names=SERVICE_NAMES, topics=guide_media.TOPICS, locales=LOCALES,
        missing=guide_media.missing_for_publishing(video),
        is_sample=video.source == guide_media.SOURCE_STATIC,
    )


@admin.get("/videos/<int:video_id>")
@staff_only(Role.ADMIN)
def video_page(video_id: int) -> str:
    _video_admin()
    return _manage_page(_video_or_404(video_id))


def _admin_and_writable_video(video_id: int) -> tuple[Account, GuideVideo]:
    me = _video_admin()
    video = _video_or_404(video_id)
    if video.source == guide_media.SOURCE_STATIC:
        abort(404)  # shipped samples change by regenerating them; their page offers no forms
    return me, video


def _video_saved(me: Account, video: GuideVideo, action: AuditAction, message: str,
                 **detail: Any) -> Response:
    """Every change to a video is in the audit log; then back to its page, saying what changed."""
    db = get_session()
    record_access(db, actor=me, action=action, channel=Channel.ONLINE,
                  detail={"video_id": video.id, **detail})
    db.commit()
    flash(message)
    return redirect(url_for("admin.video_page", video_id=video.id))


@admin.post("/videos/<int:video_id>/captions")
@staff_only(Role.ADMIN)
def upload_captions(video_id: int) -> str | Response:
    me, video = _admin_and_writable_video(video_id)
    form = media_forms.CaptionsForm()
    form.validate_on_submit()
    checked: dict[str, caption_files.CheckedCaptions] = {}
    chosen = False
    for locale in LOCALES:
        field = form[f"captions_{locale}"]
        upload = field.data
        if not upload or not getattr(upload, "filename", ""):
            continue
        chosen = True
        try:
            checked[locale] = caption_files.check_captions(upload.read(),
                                                         duration_ms=video.duration_ms)
        except caption_files.CaptionsRefused as refused:
            _add_error(field, str(messages.CAPTION_FILE[refused.problem]) % refused.details)
    if not chosen:
        _add_error(form.captions_zh_Hans_CN, messages.CHOOSE_CAPTION_FILE)
    db = get_session()
    # Good files are kept even when another is refused: only the refused one is chosen again.
    for locale, captions in checked.items():
        guide_media.store_captions(video, folder=_media_folder(), locale=locale,
                                   checked=captions)
    if checked:
        record_access(db, actor=me, action=AuditAction.GUIDE_VIDEO_CAPTIONS, channel=Channel.ONLINE,
                      detail={"video_id": video.id, "locales": sorted(checked)})
        db.commit()
    if any(form[f"captions_{locale}"].errors for locale in LOCALES):
        return _manage_page(video, captions_form=form)
    flash(_("The captions are saved."))
    return redirect(url_for("admin.video_page", video_id=video.id))


@admin.post("/videos/<int:video_id>/transcripts")
@staff_only(Role.ADMIN)
def save_transcripts(video_id: int) -> str | Response:
    me, video = _admin_and_writable_video(video_id)
    form = media_forms.TranscriptsForm()
    form.validate_on_submit()
    try:
        guide_media.set_transcripts(video, {locale: form[f"transcript_{locale}"].data or ""
                                            for locale in LOCALES})
    except guide_media.PublishedVideoNeedsIt as refused:
        for item in refused.missing:
            _add_error(form[f"transcript_{item.locale}"],
                       messages.PUBLISHED_NEEDS_TRANSCRIPT[item.locale])
        return _manage_page(video, transcripts_form=form)
    return _video_saved(me, video, AuditAction.GUIDE_VIDEO_TRANSCRIPTS,
                        _("The transcripts are saved."))


@admin.post("/videos/<int:video_id>/sign-language")
@staff_only(Role.ADMIN)
def upload_sign_video(video_id: int) -> str | Response:
    me, video = _admin_and_writable_video(video_id)
    form = media_forms.SignVideoForm()
    form.validate_on_submit()
    checked = _read_video(form.sign_video_file, required=False)
    if checked is None and not form.sign_video_file.errors:
        _add_error(form.sign_video_file, messages.CHOOSE_SIGN_VIDEO)
    if checked is None:
        return _manage_page(video, sign_form=form)
    guide_media.set_sign_video(video, folder=_media_folder(), checked=checked)
    return _video_saved(me, video, AuditAction.GUIDE_VIDEO_SIGN_LANGUAGE,
                        _("The version with sign language is saved."))


@admin.post("/videos/<int:video_id>/publish")
@staff_only(Role.ADMIN)
def publish_video(video_id: int) -> str | Response:
    me = _video_admin()
    video = _video_or_404(video_id)
    media_forms.PublishForm().validate_on_submit()
    if request.form.get("action") == "unpublish":
        guide_media.unpublish_video(video)
        action = AuditAction.GUIDE_VIDEO_UNPUBLISH
        message = _("The video is unpublished. The public no longer sees it.")
    else:
        try:
            guide_media.publish_video(video)
        except guide_media.NotReadyToPublish as refused:
            return _refused_publishing(video, refused)
        action = AuditAction.GUIDE_VIDEO_PUBLISH
        message = _("The video is published on the service's start page.")
    return _video_saved(me, video, action, message)


def _refused_publishing(video: GuideVideo, refused: guide_media.NotReadyToPublish) -> str:
    """Each missing item beside the field that adds it, and all of them in the error summary."""
    captions_form = media_forms.CaptionsForm(formdata=None)
    transcripts_form = media_forms.TranscriptsForm(
        formdata=None, data={f"transcript_{locale}": (video.transcripts or {}).get(locale, "")
                             for locale in LOCALES})
    for item in refused.missing:
        form = captions_form if item.kind == "captions" else transcripts_form
        _add_error(form[f"{item.kind}_{item.locale}"],
                   messages.MISSING_BEFORE_PUBLISHING[(item.kind, item.locale)])
    return _manage_page(video, captions_form=captions_form, transcripts_form=transcripts_form)
