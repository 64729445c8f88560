"""What a visitor sees on the public pages, in each language."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from flask.testing import FlaskClient

from app.services.texts import ALL_SERVICE_TEXTS as SERVICES
from app.services.texts import ONE_APPLICATION


def page(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def test_home_page_is_in_chinese_by_default(client: FlaskClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    html = page(response)
    assert html.html["lang"] == "zh-CN"
    assert html.h1.get_text(strip=True) == "申请吉林省残疾人服务"


def test_home_page_links_to_each_of_the_four_services(client: FlaskClient) -> None:
    links = {a["href"] for a in page(client.get("/")).select(".service-list a")}
    # And beside them, the one application for the card and what follows it (issue 23).
    assert links == {f"/services/{service.code}" for service in (*SERVICES, ONE_APPLICATION)}


@pytest.mark.parametrize("service", (*SERVICES, ONE_APPLICATION), ids=lambda s: s.code)
def test_each_service_has_a_start_page_saying_who_can_apply(client: FlaskClient, service) -> None:
    response = client.get(f"/services/{service.code}", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = page(response)
    assert html.h1.get_text(strip=True) == service.name
    headings = [h2.get_text(strip=True) for h2 in html.select("main h2")]
    assert headings[:4] == ["Who can apply", "What you will need", "How long it takes",
                            "What happens next"]


def test_an_unknown_service_is_not_found(client: FlaskClient) -> None:
    response = client.get("/services/no-such-service")
    assert response.status_code == 404
    assert page(response).h1.get_text(strip=True) == "找不到该页面"


def test_accept_language_korean_is_honoured(client: FlaskClient) -> None:
    html = page(client.get("/", headers={"Accept-Language": "ko-KR,ko;q=0.9"}))
    assert html.html["lang"] == "ko"
    assert "장애인" in html.h1.get_text()


def test_the_language_link_switches_and_is_remembered(client: FlaskClient) -> None:
    response = client.get("/language/en?next=/privacy")
    assert response.status_code == 302
    assert response.headers["Location"] == "/privacy"
    html = page(client.get("/privacy"))
    assert html.html["lang"] == "en"
    assert html.h1.get_text(strip=True) == "Privacy notice"


def test_the_language_cookie_wins_over_the_browser_language(client: FlaskClient) -> None:
    client.get("/language/ko")
    html = page(client.get("/", headers={"Accept-Language": "en"}))
    assert html.html["lang"] == "ko"


def test_each_language_link_is_named_in_its_own_language(client: FlaskClient) -> None:
    nav = page(client.get("/")).select(".site-header__nav a[lang]")
    assert {(a["lang"], a.get_text(strip=True)) for a in nav} == {
        ("zh-CN", "简体中文"), ("ko", "한국어"), ("en", "English")}


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:x"])
def test_the_language_link_never_redirects_off_the_site(client: FlaskClient, target: str) -> None:
    response = client.get("/language/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_ignored(client: FlaskClient) -> None:
    client.get("/language/xx")
    assert page(client.get("/")).html["lang"] == "zh-CN"


def test_footer_links_to_accessibility_privacy_and_hotline(client: FlaskClient) -> None:
    html = page(client.get("/", headers={"Accept-Language": "en"}))
    footer = html.select_one("footer")
    hrefs = {a["href"] for a in footer.select("a")}
    assert {"/accessibility", "/privacy"} <= hrefs
    assert "12385" in footer.get_text()


def test_every_page_starts_with_a_skip_link_to_main(client: FlaskClient) -> None:
    html = page(client.get("/"))
    first_link = html.body.find("a")
    assert first_link["href"] == "#main-content"
    assert html.find(id="main-content").name == "main"


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.code)
def test_each_start_page_links_to_an_easy_read_version(client: FlaskClient, service) -> None:
    start_page = page(client.get(f"/services/{service.code}", headers={"Accept-Language": "en"}))
    link = start_page.find("a", href=f"/services/{service.code}/easy-read")
    assert link is not None
    easy = page(client.get(link["href"], headers={"Accept-Language": "en"}))
    sentences = [li.get_text(strip=True) for li in easy.select("main .easy-read li")]
    assert len(sentences) >= 5
    assert all(len(sentence.split()) <= 14 for sentence in sentences)  # short, one idea each


def test_the_easy_read_lines_say_who_an_allowance_is_for_and_promise_nothing_more(
        client: FlaskClient) -> None:
    # 低保 is one condition of the living allowance, not all of them (issue 12): no line may say
    # that a family on 低保 can have it; the lines name the card and the 低保 together.
    easy = page(client.get("/services/two-subsidies/easy-read",
                           headers={"Accept-Language": "zh-CN"}))
    sentences = [li.get_text(strip=True) for li in easy.select("main .easy-read li")]
    assert not [s for s in sentences if s.startswith("家里有低保的")]
    assert "生活补贴发给家里享受低保的持证残疾人。" in sentences
    assert "护理补贴发给残疾等级为一级、二级的人。" in sentences
