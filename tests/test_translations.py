"""No string escapes translation: the .pot is current and every catalogue is complete."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.languages import LOCALES

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\([a-z_]+\)s|%%")


def message_ids(path: Path) -> set[str]:
    with path.open("rb") as handle:
        return {str(message.id) for message in read_po(handle) if message.id}


def test_committed_pot_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "--no-location",
         "--sort-output", "--omit-header", "-F", "babel.cfg", "-k", "_l", "-k", "N_",
         "-o", str(fresh), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    committed = message_ids(ROOT / "translations" / "messages.pot")
    extracted = message_ids(fresh)
    assert extracted - committed == set(), "run `make translations`: new strings not in the .pot"
    assert committed - extracted == set(), "run `make translations`: the .pot has stale strings"


@pytest.mark.parametrize("locale", LOCALES)
def test_catalogue_is_complete_and_not_fuzzy(locale: str) -> None:
    po_path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as handle:
        catalogue = read_po(handle)
    expected = message_ids(ROOT / "translations" / "messages.pot")
    present = {str(message.id) for message in catalogue if message.id}
    assert expected - present == set(), f"{locale}: missing entries"
    problems = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"empty: {message.id!r}")
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        wanted = sorted(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if string and sorted(PLACEHOLDER.findall(string)) != wanted:
                problems.append(f"placeholders differ: {message.id!r}")
    more = f" … and {len(problems) - 10} more" if len(problems) > 10 else ""
    shown = "; ".join(problems[:10]) + more
    assert problems == [], f"{locale}: {shown}"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_entry_is_glued_to_its_neighbour(locale: str) -> None:
    """A merge of two branches' catalogues once joined two entries without the blank line
    between them: one msgstr then ended with the next entry's English. The catalogue must hold
    each entry apart, with a single header."""
    po_path = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
    text = po_path.read_text(encoding="utf-8")
    assert text.count('"POT-Creation-Date:') <= 1, f"{locale}: the header is repeated"
    glued = re.findall(r'^msgstr .*\n(?:".*"\n)*msgid ', text, flags=re.MULTILINE)
    assert glued == [], f"{locale}: entries without a blank line between them: {glued[:3]}"
    with po_path.open("rb") as handle:
        messages = [m for m in read_po(handle) if m.id and not isinstance(m.id, tuple)]
    if locale == "en":
        different = [m.id for m in messages if m.string != m.id]
        assert different == [], f"en: English differs from the source: {different[:3]}"
    else:  # four English words in a row that the source does not have: a neighbour's msgid
        english = re.compile(r"[A-Za-z]+(?: [A-Za-z,.'’]+){3,}")
        stray = [m.id for m in messages
                 if any(words not in m.id for words in english.findall(m.string or ""))]
        assert stray == [], f"{locale}: English inside a translation: {stray[:3]}"
