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
