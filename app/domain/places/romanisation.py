"""Romanised place names: Hanyu Pinyin for the name, English for the kind of place.

"南关区" reads "Nanguan District", "长白朝鲜族自治县" "Changbai Korean Autonomous County", as on
road signs and in GB/T 16159 (pinyin orthography: syllables joined, an apostrophe before a
syllable starting with a, o or e, as in Nong'an). Used once, to make the English names data
(scripts/make_place_names.py); the portal reads that file (app.domain.places.place_names), so
pypinyin is a development dependency only.
"""

from __future__ import annotations

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
    from pypinyin import lazy_pinyin  # the [test] extra: not installed in production

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


def romanise(chinese: str) -> str:
    for suffix, kind in KINDS:
        if chinese.endswith(suffix) and len(chinese) > len(suffix):
            stem = chinese[: -len(suffix)]
            people = next((p for p in PEOPLES if stem.endswith(p)), None)
            if people and len(stem) > len(people):
                return f"{_pinyin(stem[: -len(people)])} {PEOPLES[people]} {kind}"
            return f"{_pinyin(stem)} {kind}"
    return _pinyin(chinese)
