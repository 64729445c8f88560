"""Place names: pinyin with the kind of place in English; Chinese for Chinese and Korean readers."""

from __future__ import annotations

from flask import Flask
from flask.testing import FlaskClient

from app.domain.places.place_names import ENGLISH_NAMES_CSV, english_place_name
from scripts.make_place_names import NAMES, english_names_csv
from tests.test_counter import signed_in_counter, soup


def test_english_names_are_pinyin_with_the_kind_of_place() -> None:
    assert english_place_name("南关区") == "Nanguan District"
    assert english_place_name("长春市") == "Changchun City"  # 长 reads cháng in place names
    assert english_place_name("农安县") == "Nong'an County"
    assert english_place_name("民康街道") == "Minkang Subdistrict"
    assert english_place_name("长白朝鲜族自治县") == "Changbai Korean Autonomous County"
    assert english_place_name("延边朝鲜族自治州") == "Yanbian Korean Autonomous Prefecture"


def test_the_english_names_file_names_every_division_as_the_romanisation_does() -> None:
    """Issue 26: the names are data made once; a changed division list without `make
    place-names` fails here, not in an English reader's township list."""
    assert NAMES == ENGLISH_NAMES_CSV
    assert NAMES.read_text(encoding="utf-8") == english_names_csv()
    assert english_place_name("不在名单上的地方") == "不在名单上的地方"  # unknown: as written


def test_the_township_list_is_in_pinyin_in_english_and_chinese_otherwise(
        app: Flask, client: FlaskClient) -> None:
    signed_in_counter(app, client)

    def option_for(language: str):  # type: ignore[no-untyped-def]
        page = soup(client.get("/counter/people/new", headers={"Accept-Language": language}))
        return page.find("option", value="220102003")

    english = option_for("en")
    assert english.get_text(strip=True) == "Minkang Subdistrict"
    assert english.get("lang") is None
    for language in ("zh-CN", "ko"):
        chinese = option_for(language)
        assert chinese.get_text(strip=True) == "民康街道"
        assert chinese["lang"] == "zh-CN"


def test_korean_readers_see_yanbians_own_korean_names(app: Flask, client: FlaskClient) -> None:
    """Issue 25: 연길시 as Yanbian writes it, not the Chinese name, in Korean pages."""
    from app.domain.places.place_names import place_label

    assert place_label("延吉市", "ko") == ("연길시", {})
    assert place_label("龙井市", "ko") == ("룡정시", {})  # the initial ㄹ Yanbian keeps
    assert place_label("南关区", "ko") == ("南关区", {"lang": "zh-CN"})  # no Korean name
    signed_in_counter(app, client)
    page = soup(client.get("/counter/people/new", headers={"Accept-Language": "ko"}))
    yanji = page.find("option", value="222401")
    assert yanji.get_text(strip=True) == "연변조선족자치주 연길시"
    assert yanji.get("lang") is None
