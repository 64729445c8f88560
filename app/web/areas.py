"""Areas (行政区划) as the staff pages name and list them: one place, so every page agrees."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import get_locale

from app.domain.access import policies
from app.domain.models import Account
from app.domain.places.divisions import Division, load_catalogue
from app.domain.places.place_names import place_label


def area_name(code: str | None) -> str:
    """The division's name with its parents below the province, e.g. "长春市 南关区"."""
    catalogue = load_catalogue()
    if not code or code not in catalogue:
        return code or ""
    path = catalogue.path(code)
    return " ".join(division.name for division in (path[1:] or path))


def place_label_of(code: str | None) -> tuple[str, dict[str, str]] | None:
    """A division's name in the page's language, with the attributes its text needs (lang)."""
    found = load_catalogue().get(code or "")
    if found is None:
        return None
    return place_label(found.name, str(get_locale()))


def county_name(code: str) -> tuple[str, str | None]:
    """The county's name in the page's language and its lang (None: the page's own); an
    unknown code stands for itself."""
    label = place_label_of(code)
    return (code, None) if label is None else (label[0], label[1].get("lang"))


def townships_of_area(area_code: str) -> list[Division]:
    """The townships and streets of an area, in code order."""
    catalogue = load_catalogue()
    found = [catalogue.get(code) for code in policies.area_codes(area_code)]
    return sorted((d for d in found if d is not None and d.level == "township"),
                  key=lambda d: d.code)


def counties_of_area(me: Account, may_work_in: Callable[[Account, str], bool]) -> list[str]:
    """The counties of the staff member's area where the policy lets them do this work."""
    catalogue = load_catalogue()
    return [code for code in policies.area_codes(me.area_code or "")
            if (division := catalogue.get(code)) is not None and division.level == "county"
            and may_work_in(me, code)]
