"""The replacement of WTForms' html_params writes what WTForms writes (docs/decisions/0007)."""

from __future__ import annotations

from typing import Any

import pytest
from markupsafe import Markup

from app.web.components import WTFORMS_HTML_PARAMS, html_params

CASES: list[dict[str, Any]] = [
    {"id": "phone", "name": "phone", "type": "tel", "value": "13900000001"},
    {"class_": "input input--error", "aria_describedby": "phone-hint phone-error",
     "aria-invalid": "true", "required": True, "disabled": False},
    {"value": 'He said "yes" & <left>', "title": "它's"},
    {"value": Markup("<b>already markup</b>"), "data-x": Markup('a "quoted" value')},
    {"for_": "county", "data_township": "220102003", "autocomplete": "address-level2"},
    {"value": 0, "max": 99.5, "checked": True, "spellcheck": "false"},
    {"value": "长春市南关区", "lang": "zh-CN"},
    {},
]


@pytest.mark.parametrize("attributes", CASES)
def test_the_attributes_are_those_wtforms_would_write(attributes: dict[str, Any]) -> None:
    assert WTFORMS_HTML_PARAMS is not html_params
    ours, theirs = html_params(**attributes), WTFORMS_HTML_PARAMS(**attributes)
    assert str(ours) == str(theirs)
    assert isinstance(ours, Markup)
