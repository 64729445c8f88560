"""Writes app/data/jilin-place-names-en.csv: the English name of every division of Jilin.

Run by `make place-names` after the division list changes; tests/test_place_names.py fails
when the file and the list disagree.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.domain.places.romanisation import romanise  # noqa: E402

DIVISIONS = ROOT / "app" / "data" / "jilin-divisions.csv"
NAMES = ROOT / "app" / "data" / "jilin-place-names-en.csv"


def english_names_csv() -> str:
    with DIVISIONS.open(encoding="utf-8", newline="") as file:
        names = sorted({row["name"] for row in csv.DictReader(file)})
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("name", "english"))
    writer.writerows((name, romanise(name)) for name in names)
    return out.getvalue()


if __name__ == "__main__":
    NAMES.write_text(english_names_csv(), encoding="utf-8")
    print(f"wrote {NAMES.relative_to(ROOT)}")
