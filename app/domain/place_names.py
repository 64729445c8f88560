"""Place names for readers of English: Hanyu Pinyin for the name, English for the kind of place.

"南关区" reads "Nanguan District", "长白朝鲜族自治县" "Changbai Korean Autonomous County", as on
road signs and in GB/T 16159 (pinyin orthography: syllables joined, an apostrophe before a
syllable starting with a, o or e, as in Nong'an). Korean and Chinese readers see the Chinese
name: the Hangul readings of South Korean dictionaries differ from those used in Yanbian
(용정 / 룡정), so a generated reading would mislead.
"""

from __future__ import annotations

from functools import cache

# The longest suffix first: "自治县" before "县".
KINDS = (
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("民族乡", "Ethnic Township"),
    ("街道", "Subdistrict"),
    ("省", "Province"),
    ("市", "City"),
    ("区", "District"),
    ("县", "County"),
    ("镇", "Town"),
    ("乡", "Township"),
)
PEOPLES = {"朝鲜族": "Korean", "蒙古族": "Mongol", "满族": "Manchu", "回族": "Hui"}
# Characters whose reading in place names differs from pypinyin's everyday guess.
PLACE_READINGS = {"长": "chang"}


def _pinyin(chinese: str) -> str:
    # Imported on first use: its dictionaries take about 50 MB in each worker, and Chinese and
    # Korean pages never need them (issue 14 measured memory per worker).
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(chinese)
    if len(syllables) == len(chinese):  # one reading per character: no Latin letters inside
        syllables = [PLACE_READINGS.get(char, reading)
                     for char, reading in zip(chinese, syllables, strict=True)]
    joined = ""
    for syllable in syllables:
        if joined and syllable[:1] in "aoe":
            joined += "'"
        joined += syllable
    return joined[:1].upper() + joined[1:]


@cache
def english_place_name(chinese: str) -> str:
    for suffix, kind in KINDS:
        if chinese.endswith(suffix) and len(chinese) > len(suffix):
            stem = chinese[: -len(suffix)]
            people = next((p for p in PEOPLES if stem.endswith(p)), None)
            if people and len(stem) > len(people):
                return f"{_pinyin(stem[: -len(people)])} {PEOPLES[people]} {kind}"
            return f"{_pinyin(stem)} {kind}"
    return _pinyin(chinese)


# The Korean names the Korean autonomous areas themselves use (issue 25): Yanbian's prefecture
# and its cities and counties, and Changbai county, as written in Korean in Yanbian's official
# usage (the Chinese Korean orthography keeps the initial ㄹ: 룡정, not 용정). Elsewhere Korean
# readers see the Chinese name, for the reason above.
KOREAN_NAMES = {
    "延边朝鲜族自治州": "연변조선족자치주",
    "延吉市": "연길시",
    "图们市": "도문시",
    "敦化市": "돈화시",
    "珲春市": "훈춘시",
    "龙井市": "룡정시",
    "和龙市": "화룡시",
    "汪清县": "왕청현",
    "安图县": "안도현",
    "长白朝鲜族自治县": "장백조선족자치현",
}


def korean_place_name(chinese: str) -> str | None:
    """The Korean name where the place writes one (each part of "延边朝鲜族自治州 延吉市")."""
    parts = chinese.split(" ")
    if all(part in KOREAN_NAMES for part in parts):
        return " ".join(KOREAN_NAMES[part] for part in parts)
    return None


def place_label(chinese: str, locale: str) -> tuple[str, dict[str, str]]:
    """The name to show in a list, and the lang attribute it needs on the page."""
    if locale == "en":
        return english_place_name(chinese), {}
    if locale == "ko" and (korean := korean_place_name(chinese)) is not None:
        return korean, {}
    return chinese, {"lang": "zh-CN"}
