"""Guide videos: captions checked, published only when complete, shown with the browser's player."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.config import LOCALES, PROJECT_ROOT
from app.database import get_session
from app.domain.files import caption_files, media, video_files
from app.domain.models import AuditEvent, GuideVideo, Role
from app.services.texts import ALL_SERVICE_TEXTS
from tests.factories import make_account, sign_in
from tests.pages import EN, KO, error_for, soup

ADMIN_PHONE = "13904339001"
STATIC = PROJECT_ROOT / "static"  # the app's static folder, where the samples are shipped
GUIDES = STATIC / "media" / "guides"
SAMPLE = GUIDES / "two-subsidies"
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
TRANSCRIPTS = {
    "zh_Hans_CN": "残疾人两项补贴：怎么申请\n\n持有残疾人证的人可以申请。",
    "ko": "장애인 생활 보조금과 돌봄 보조금: 신청 방법\n\n장애인증이 있는 분이 신청할 수 있습니다.",
    "en": "How to apply\n\nPeople with a disability card can apply.",
}


def summary_links(response) -> list[tuple[str, str]]:
    return [(a["href"], a.get_text(strip=True))
            for a in soup(response).select(".error-summary__list a")]


def vtt(*cues: str) -> bytes:
    return ("WEBVTT\n\n" + "\n\n".join(cues) + "\n").encode()


def sample_captions(locale: str) -> bytes:
    return (SAMPLE / f"captions.{locale}.vtt").read_bytes()


def signed_in_admin(app: Flask, client: FlaskClient) -> int:
    admin = make_account(app, phone=ADMIN_PHONE, role=Role.ADMIN, area="22", name="陈静")
    sign_in(client, ADMIN_PHONE)
    return admin


def upload_video(client: FlaskClient, *, content: bytes | None = None, sign: bytes | None = None,
                 **fields: str):
    data: dict[str, object] = {
        "service_code": "two-subsidies", "topic": "how_to_apply",
        "title_zh_Hans_CN": "残疾人两项补贴：怎么申请", "title_ko": "신청 방법",
        "title_en": "How to apply",
        "video": (io.BytesIO(content if content is not None
                             else (SAMPLE / "how-to-apply.mp4").read_bytes()), "guide.mp4"),
        **fields,
    }
    if sign is not None:
        data["sign_video"] = (io.BytesIO(sign), "signed.mp4")
    return client.post("/admin/videos/new", data=data, content_type="multipart/form-data",
                       headers=EN)


def new_video_id(client: FlaskClient, **kwargs: object) -> int:
    response = upload_video(client, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == 302, error_for(response, "video")
    return int(response.headers["Location"].rstrip("/").rsplit("/", 1)[-1])


def add_captions(client: FlaskClient, video_id: int, locales=LOCALES):
    data = {f"captions_{locale}": (io.BytesIO(sample_captions(locale)), f"{locale}.vtt")
            for locale in locales}
    return client.post(f"/admin/videos/{video_id}/captions", data=data,
                       content_type="multipart/form-data", headers=EN)


def add_transcripts(client: FlaskClient, video_id: int, locales=LOCALES):
    data = {f"transcript_{locale}": TRANSCRIPTS[locale] for locale in locales}
    return client.post(f"/admin/videos/{video_id}/transcripts", data=data, headers=EN)


def publish(client: FlaskClient, video_id: int, action: str = "publish"):
    return client.post(f"/admin/videos/{video_id}/publish", data={"action": action}, headers=EN)


def published_video(app: Flask, client: FlaskClient, **kwargs: object) -> int:
    signed_in_admin(app, client)
    video_id = new_video_id(client, **kwargs)
    assert add_captions(client, video_id).status_code == 302
    assert add_transcripts(client, video_id).status_code == 302
    assert publish(client, video_id).status_code == 302
    client.post("/sign-out")
    return video_id


# --- the rule for publishing ----------------------------------------------------------------


def test_publishing_without_every_caption_and_transcript_lists_what_is_missing() -> None:
    video = GuideVideo(captions={"zh_Hans_CN": "a"}, transcripts={"en": "Text", "ko": "  "},
                       published=False)
    with pytest.raises(media.NotReadyToPublish) as refused:
        media.publish_video(video)
    assert refused.value.missing == (
        media.MissingItem("captions", "ko"), media.MissingItem("captions", "en"),
        media.MissingItem("transcript", "zh_Hans_CN"), media.MissingItem("transcript", "ko"))
    assert video.published is False


def test_the_admin_sees_each_missing_item_beside_its_field_and_in_the_summary(
        app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    video_id = new_video_id(client)
    add_captions(client, video_id, locales=("zh_Hans_CN",))
    add_transcripts(client, video_id, locales=("en",))
    response = publish(client, video_id)
    assert response.status_code == 200
    assert soup(response).title.get_text().startswith("Error:")
    assert summary_links(response) == [
        ("#captions_ko", "Upload the Korean captions before publishing"),
        ("#captions_en", "Upload the English captions before publishing"),
        ("#transcript_zh_Hans_CN", "Enter the Chinese transcript before publishing"),
        ("#transcript_ko", "Enter the Korean transcript before publishing"),
    ]
    assert "Upload the Korean captions" in error_for(response, "captions_ko")
    assert error_for(response, "captions_zh_Hans_CN") == ""
    assert soup(response).find(id="transcript_en").get_text().lstrip("\r\n") == TRANSCRIPTS["en"]
    with app.app_context():
        assert get_session().get(GuideVideo, video_id).published is False
    assert client.get(f"/media/videos/{video_id}/video").status_code == 200  # admin preview
    client.post("/sign-out")
    assert client.get(f"/media/videos/{video_id}/video").status_code == 404


# --- caption checks -------------------------------------------------------------------------


@pytest.mark.parametrize(("content", "problem"), [
    (b"", caption_files.CaptionProblem.EMPTY),
    (b"1\n00:00:01.000 --> 00:00:02.000\nHello\n", caption_files.CaptionProblem.NOT_WEBVTT),
    ("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n你好\n".encode("gb18030"),
     caption_files.CaptionProblem.NOT_UTF8),
    (b"WEBVTT\n\nNOTE only a comment\n", caption_files.CaptionProblem.NO_CUES),
    (vtt("00:00:01.000 --> soon\nHello"), caption_files.CaptionProblem.BAD_TIMING),
    (vtt("00:00:03.000 --> 00:00:02.000\nBackwards"),
     caption_files.CaptionProblem.ENDS_BEFORE_START),
    (vtt("00:00:05.000 --> 00:00:06.000\nB", "00:00:01.000 --> 00:00:02.000\nA"),
     caption_files.CaptionProblem.OUT_OF_ORDER),
    (vtt("00:00:01.000 --> 00:00:04.000\nA", "00:00:03.000 --> 00:00:05.000\nB"),
     caption_files.CaptionProblem.OVERLAPS),
])
def test_captions_that_a_player_would_show_wrongly_are_refused(content: bytes,
                                                               problem: str) -> None:
    with pytest.raises(caption_files.CaptionsRefused) as refused:
        caption_files.check_captions(content)
    assert refused.value.problem == problem


def test_captions_longer_than_the_video_are_refused_when_its_length_is_known() -> None:
    captions = vtt("00:00:01.000 --> 00:00:09.000\nToo long")
    with pytest.raises(caption_files.CaptionsRefused) as refused:
        caption_files.check_captions(captions, duration_ms=5000)
    assert refused.value.details == {"cue": 1, "end": "00:00:09.000", "video_end": "00:00:05.000"}
    assert len(caption_files.check_captions(captions).cues) == 1  # length unknown: accepted


def test_an_invalid_caption_file_is_refused_beside_its_field(app: Flask,
                                                             client: FlaskClient) -> None:
    signed_in_admin(app, client)
    video_id = new_video_id(client)
    response = client.post(f"/admin/videos/{video_id}/captions", data={
        "captions_ko": (io.BytesIO(vtt("00:00:01.000 --> 00:00:04.000\n하나",
                                       "00:00:03.500 --> 00:00:05.000\n둘")), "ko.vtt"),
        "captions_en": (io.BytesIO(b"Hello, this is not WebVTT"), "en.vtt"),
        "captions_zh_Hans_CN": (io.BytesIO(sample_captions("zh_Hans_CN")), "zh.vtt"),
    }, content_type="multipart/form-data", headers=EN)
    assert response.status_code == 200
    assert error_for(response, "captions_ko") == (
        "Error: Caption 2 starts at 00:00:03.500, before the caption above it ends "
        "(00:00:04.000). Captions must not overlap")
    assert error_for(response, "captions_en") == (
        "Error: The file is not WebVTT: its first line must be WEBVTT. Choose a .vtt caption file")
    assert [href for href, _text in summary_links(response)] == ["#captions_ko", "#captions_en"]
    with app.app_context():  # the good file is kept, so only the refused ones are chosen again
        assert set(get_session().get(GuideVideo, video_id).captions) == {"zh_Hans_CN"}


def test_a_file_that_is_not_a_video_is_refused_and_the_titles_are_kept(
        app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    response = upload_video(client, content=b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
                            title_en="What to bring")
    assert response.status_code == 200
    assert error_for(response, "video") == (
        "Error: The file guide.mp4 is not an MP4 or WebM video. Choose a video of one of those "
        "types")
    html = soup(response)
    assert html.find(id="title_en")["value"] == "What to bring"
    assert html.find(id="title_ko")["lang"] == "ko"
    with app.app_context():
        assert get_session().scalars(select(GuideVideo)).all() == []


def test_video_types_are_decided_by_content() -> None:
    assert video_files.detect_video_type((SAMPLE / "how-to-apply.mp4").read_bytes()) == "video/mp4"
    assert video_files.detect_video_type(b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01B\x82\x84webm") == (
        "video/webm")
    assert video_files.detect_video_type(b"\0\0\0\x18ftypheic\0\0\0\0") is None  # a HEIC photo
    assert video_files.detect_video_type(b"%PDF-1.7") is None


# --- on the service start page --------------------------------------------------------------


def test_a_published_video_is_on_the_start_page_with_captions_and_transcript(
        app: Flask, client: FlaskClient) -> None:
    video_id = published_video(app, client)
    html = soup(client.get("/services/two-subsidies", headers=KO))
    assert html.html["lang"] == "ko"
    player = html.find("video")
    assert player.has_attr("controls")
    assert not player.has_attr("autoplay")
    assert player["preload"] == "none"
    assert player.find("source")["type"] == "video/mp4"
    tracks = player.find_all("track")
    assert [(t["kind"], t["srclang"]) for t in tracks] == [
        ("captions", "zh-CN"), ("captions", "ko"), ("captions", "en")]
    assert [t["srclang"] for t in tracks if t.has_attr("default")] == ["ko"]
    assert [t["label"] for t in tracks] == ["简体中文", "한국어", "English"]
    assert html.find("h2", string="신청 방법")
    transcript = html.find("details")
    assert "장애인증이 있는 분이 신청할 수 있습니다." in transcript.get_text()
    others = {a["hreflang"]: a for a in html.select(".guide-video__language-list a")}
    assert set(others) == {"zh-CN", "en"}
    assert all(a["lang"] == a["hreflang"] for a in others.values())
    # The page's language decides the default track.
    english = soup(client.get("/services/two-subsidies", headers=EN))
    assert [t["srclang"] for t in english.find_all("track") if t.has_attr("default")] == ["en"]
    assert client.get("/services/home-modification").status_code == 200
    assert soup(client.get("/services/home-modification")).find("video") is None
    assert f"/media/videos/{video_id}/" in str(player)


def test_caption_and_video_files_are_served_with_their_types(app: Flask,
                                                              client: FlaskClient) -> None:
    video_id = published_video(app, client)
    captions = client.get(f"/media/videos/{video_id}/captions/ko")
    assert captions.status_code == 200
    assert captions.mimetype == "text/vtt"
    assert captions.headers["X-Content-Type-Options"] == "nosniff"
    assert captions.headers["Content-Language"] == "ko"
    assert "public" in captions.headers["Cache-Control"]
    assert captions.data == sample_captions("ko")
    video = client.get(f"/media/videos/{video_id}/video")
    assert (video.status_code, video.mimetype) == (200, "video/mp4")
    part = client.get(f"/media/videos/{video_id}/video", headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.data) == 100  # seeking works
    transcript = client.get(f"/media/videos/{video_id}/transcript/en")
    assert transcript.mimetype == "text/plain"
    assert "People with a disability card can apply." in transcript.get_data(as_text=True)
    assert client.get(f"/media/videos/{video_id}/sign-language").status_code == 404


def test_unpublished_videos_are_not_found_by_the_public(app: Flask, client: FlaskClient) -> None:
    video_id = published_video(app, client)
    sign_in(client, ADMIN_PHONE)
    assert publish(client, video_id, action="unpublish").status_code == 302
    client.post("/sign-out")
    for path in ("video", "captions/zh_Hans_CN", "transcript/ko"):
        assert client.get(f"/media/videos/{video_id}/{path}").status_code == 404, path
    assert soup(client.get("/services/two-subsidies")).find("video") is None
    assert client.get("/media/videos/9999/video").status_code == 404
    with app.app_context():
        actions = get_session().scalars(select(AuditEvent.action)).all()
        assert "guide_video.publish" in actions and "guide_video.unpublish" in actions


def test_the_sign_language_version_is_a_visible_choice_that_works_without_script(
        app: Flask, client: FlaskClient) -> None:
    signed = (GUIDES / "assistive-devices" / "how-to-apply.mp4").read_bytes()
    video_id = published_video(app, client, sign=signed)
    html = soup(client.get("/services/two-subsidies", headers=EN))
    link = html.find("a", string="Watch with sign language")
    assert link["href"] == f"/services/two-subsidies?version=sign#guide-video-{video_id}"
    signed_page = soup(client.get(link["href"].split("#")[0], headers=EN))
    source = signed_page.find("video").find("source")["src"]
    assert source.startswith(f"/media/videos/{video_id}/sign-language")
    assert len(signed_page.find_all("track")) == 3
    back = signed_page.find("a", string="Watch without sign language")
    assert back["href"] == f"/services/two-subsidies#guide-video-{video_id}"
    assert client.get(source).data == signed


def test_a_published_video_keeps_a_transcript_in_every_language(app: Flask,
                                                                client: FlaskClient) -> None:
    video_id = published_video(app, client)
    sign_in(client, ADMIN_PHONE)
    response = client.post(f"/admin/videos/{video_id}/transcripts", data={
        "transcript_zh_Hans_CN": TRANSCRIPTS["zh_Hans_CN"], "transcript_ko": " ",
        "transcript_en": "Changed"}, headers=EN)
    assert response.status_code == 200
    assert "Unpublish the video before you remove it" in error_for(response, "transcript_ko")
    assert soup(response).find(id="transcript_en").get_text().lstrip("\r\n") == "Changed"
    with app.app_context():
        assert get_session().get(GuideVideo, video_id).transcripts["en"] == TRANSCRIPTS["en"]


# --- administrators only --------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.PUBLIC, Role.COUNTER, Role.CASEWORKER, Role.APPROVER])
def test_only_administrators_manage_videos(app: Flask, client: FlaskClient, role: Role) -> None:
    make_account(app, phone="13904339002", role=role, area="220102")
    sign_in(client, "13904339002")
    assert client.get("/admin/videos").status_code == 404
    assert client.get("/admin/videos/new").status_code == 404
    assert upload_video(client).status_code == 404


def test_the_admin_pages_list_and_manage_videos(app: Flask, client: FlaskClient) -> None:
    signed_in_admin(app, client)
    assert "There are no guide videos yet." in client.get("/admin/videos", headers=EN).get_data(
        as_text=True)
    video_id = new_video_id(client)
    html = soup(client.get("/admin/videos", headers=EN))
    table = html.find("table")
    assert table.find("caption")
    assert all(th["scope"] == "col" for th in table.find_all("th"))
    cells = [td.get_text(" ", strip=True) for td in table.select("tbody td")]
    assert cells[:7] == ["How to apply", "Living allowance and care allowance for disabled people",
                         "How to apply", "None yet", "None yet", "No", "Draft"]
    manage = soup(client.get(f"/admin/videos/{video_id}", headers=EN))
    assert manage.find("h1").get_text() == "Guide video: How to apply"
    assert manage.find("video").find_all("track") == []  # the preview, before captions


# --- the shipped samples --------------------------------------------------------------------


@pytest.mark.parametrize("service", ALL_SERVICE_TEXTS, ids=lambda s: s.code)
def test_each_service_ships_a_small_real_captioned_video(service) -> None:
    folder = GUIDES / service.code
    content = (folder / "how-to-apply.mp4").read_bytes()
    assert content[4:8] == b"ftyp"
    assert len(content) < 400 * 1024
    duration = video_files.mp4_duration_ms(content)
    assert duration is not None and 10_000 <= duration <= 20_500
    for locale in LOCALES:
        captions = caption_files.check_captions((folder / f"captions.{locale}.vtt").read_bytes(),
                                        duration_ms=duration)
        assert len(captions.cues) >= 3
        transcript = (folder / f"transcript.{locale}.txt").read_text(encoding="utf-8")
        assert all(cue.text in transcript for cue in captions.cues)
    korean = ((folder / "captions.ko.vtt").read_text(encoding="utf-8")
              + (folder / "transcript.ko.txt").read_text(encoding="utf-8"))
    assert not HAN.search(korean), "Korean is written without Chinese characters"


def test_the_shipped_media_stay_small() -> None:
    total = sum(path.stat().st_size for path in GUIDES.rglob("*") if path.is_file())
    assert total < 2 * 1024 * 1024


def test_the_sample_loader_publishes_the_shipped_videos_once(app: Flask,
                                                             client: FlaskClient) -> None:
    with app.app_context():
        db = get_session()
        assert media.load_sample_videos(db, static_root=STATIC) == len(ALL_SERVICE_TEXTS)
        db.commit()
        assert media.load_sample_videos(db, static_root=STATIC) == 0
        db.commit()
        videos = db.scalars(select(GuideVideo)).all()
        assert all(v.published and v.source == "static" for v in videos)
    html = soup(client.get("/services/assistive-devices", headers=EN))
    assert html.find("h2", string="Assistive devices: how to apply")
    captions = client.get(html.find("track", srclang="zh-CN")["src"])
    assert captions.mimetype == "text/vtt"
    assert captions.data == (GUIDES / "assistive-devices" / "captions.zh_Hans_CN.vtt").read_bytes()


def test_sample_files_cannot_be_replaced_from_the_admin_pages(app: Flask,
                                                              client: FlaskClient) -> None:
    with app.app_context():
        db = get_session()
        media.load_sample_videos(db, static_root=STATIC)
        db.commit()
        video_id = db.scalars(select(GuideVideo.id)).first()
    signed_in_admin(app, client)
    page = soup(client.get(f"/admin/videos/{video_id}", headers=EN))
    assert page.find("input", type="file") is None
    assert add_transcripts(client, video_id).status_code == 404


def test_uploads_are_stored_outside_static_under_random_names(app: Flask,
                                                              client: FlaskClient) -> None:
    signed_in_admin(app, client)
    video_id = new_video_id(client)
    with app.app_context():
        video = get_session().get(GuideVideo, video_id)
        stored = Path(app.config["UPLOAD_FOLDER"]) / "media" / video.video_name
        assert stored.read_bytes() == (SAMPLE / "how-to-apply.mp4").read_bytes()
        assert re.fullmatch(r"[0-9a-f]{32}", video.video_name)
        assert video.duration_ms == video_files.mp4_duration_ms(stored.read_bytes())
