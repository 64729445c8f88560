"""Korean reads naturally: no particle pairs such as 이(가) after a placeholder, the usual terms
for a video transcript (대본) and a disability re-assessment (재판정)."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

KO = Path(__file__).resolve().parent.parent / "translations" / "ko" / "LC_MESSAGES" / "messages.po"
PARTICLE_PAIR = re.compile(
    r"\)s\s*(이\(가\)|을\(를\)|은\(는\)|과\(와\)|와\(과\)|\(으\)로|\(이\)|\(을\))"
)


def korean() -> dict[str, str]:
    with KO.open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id and isinstance(m.id, str)}


def test_no_particle_pair_follows_a_placeholder() -> None:
    awkward = {msgid: text for msgid, text in korean().items() if PARTICLE_PAIR.search(text)}
    assert awkward == {}


def test_text_messages_read_naturally_with_a_real_reference() -> None:
    ko = korean()
    sms = ko["Your application %(reference)s has been approved."] % {"reference": "LS-2026-000123"}
    assert sms == "신청(신청 번호 LS-2026-000123)이 승인되었습니다."
    refused = ko[
        "Your application %(reference)s has been refused. Sign in to read why and how to ask for a "
        "review."
    ] % {"reference": "LS-2026-000123"}
    assert "(가)" not in refused and refused.startswith("신청(신청 번호 LS-2026-000123)이")


def test_text_messages_call_the_reference_as_the_pages_do() -> None:
    ko = korean()
    assert ko["Reference"] == "신청 번호"
    with_reference = [text for msgid, text in ko.items() if msgid.startswith(
        ("Your application %(reference)s", "Application %(reference)s is"))]
    assert with_reference and all("접수번호" not in text for text in with_reference)


def test_transcript_link_is_not_a_script_reading() -> None:
    assert korean()["Read the transcript"] == "영상 대본 보기"


def test_re_assessment_is_called_jaepanjeong() -> None:
    ko = korean()
    assert "재판정" in ko["A new assessment, because the applicant disagrees with the result of an "
                         "assessment"]
    assert all("다시 판정" not in text for text in ko.values())


def test_the_care_allowance_has_one_korean_name() -> None:
    """Issue 25: 돌봄 보조금, never 간병 보조금 beside it."""
    ko = korean()
    assert all("간병" not in text for text in ko.values())
    assert "돌봄 보조금" in ko["Which care allowance should the applicant get?"]


def test_opaque_terms_are_explained_where_they_appear() -> None:
    """특곤 (特困, support for people in extreme poverty) and 이휴 (离休, cadres retired with
    special treatment) mean nothing to most readers unless explained beside them."""
    for text in korean().values():
        for term in ("특곤", "이휴"):
            for found in re.finditer(term, text):
                before, after = text[:found.start()], text[found.end():]
                explained = before.endswith("(") or after.startswith("(") \
                    or after.startswith(" 인원(") or after.startswith(" 간부(")
                assert explained, text


def test_no_translation_carries_an_english_sentence_left_over() -> None:
    """Three declarations once ended in an English sentence glued to the translation."""
    catalogues = Path(__file__).resolve().parent.parent / "translations"
    for language in ("ko", "zh_Hans_CN", "en"):
        with (catalogues / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            for message in read_po(handle):
                text = message.string if isinstance(message.string, str) else ""
                assert not re.search(r"[.。]The applicant ", text), (language, message.id)


def test_korean_asks_in_one_polite_register() -> None:
    """Issue 25: requests end in -세요, as the rest of the portal asks, never the stiffer
    -십시오 beside them."""
    stiff = {msgid: text for msgid, text in korean().items() if "십시오" in text}
    assert stiff == {}


def test_korean_uses_one_word_for_each_kind_of_place_and_office() -> None:
    texts = list(korean().values())
    assert all("군(시·구)" not in text for text in texts)  # a county is 현, as in 왕청현
    assert all("향진(가도)" not in text for text in texts)  # 향·진(가도)
    assert all("민정 부문" not in text for text in texts)  # 민정부문
    assert all("휴대폰" not in text for text in texts)  # 휴대전화
    assert sum("현(시·구)" in text for text in texts) > 10


def test_no_translation_ends_in_a_stray_english_sentence() -> None:
    """A Korean and a Chinese message ended in "This date is provisional: …", pasted from
    the message after it."""
    for locale in ("ko", "zh_Hans_CN", "en"):
        path = KO.parents[2] / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            for message in read_po(handle):
                if not message.id or not isinstance(message.id, str):
                    continue
                if locale == "en":
                    assert not str(message.string).startswith(f"{message.id} "), message.id
                else:
                    stray = re.findall(r"[A-Za-z]+(?:\s+[A-Za-z']+){5,}", str(message.string))
                    assert not [run for run in stray if run not in message.id], message.id
