"""Custom WTForms fields that the form components know how to render."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import Field, SelectMultipleField, widgets

from app.domain.identity import normalise_digits


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes in a fieldset (rendered by the choices() macro)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class DateInputField(Field):
    """A date typed as day, month and year in three boxes, as people read dates on documents.

    Each box keeps what was typed when the date is wrong, so nothing has to be typed again.
    """

    PARTS = ("year", "month", "day")  # Chinese and Korean write the year first

    def __init__(self, label: Any = None, validators: Any = None, autocomplete_prefix: str = "",
                 **kwargs: Any) -> None:
        super().__init__(label, validators, **kwargs)
        self.autocomplete_prefix = autocomplete_prefix
        self.raw_parts: dict[str, str] = {}
        self.missing_parts: list[str] = []

    def parts(self) -> list[tuple[str, Any, int]]:
        labels = {"year": _l("Year"), "month": _l("Month"), "day": _l("Day")}
        sizes = {"year": 4, "month": 2, "day": 2}
        return [(part, labels[part], sizes[part]) for part in self.PARTS]

    def part_value(self, part: str) -> str:
        if part in self.raw_parts:
            return self.raw_parts[part]
        if isinstance(self.data, date):
            return str(getattr(self.data, part))
        return ""

    def first_error_part(self) -> str:
        return self.missing_parts[0] if self.missing_parts else self.PARTS[0]

    def process(self, formdata: Any, data: Any = None, extra_filters: Any = None) -> None:
        super().process(formdata, data, extra_filters)
        if formdata is not None and any(f"{self.name}-{p}" in formdata for p in self.PARTS):
            self.raw_parts = {p: formdata.get(f"{self.name}-{p}", "").strip() for p in self.PARTS}
            self.data = self._to_date()

    def _to_date(self) -> date | None:
        self.missing_parts = [p for p in self.PARTS if not self.raw_parts[p]]
        if self.missing_parts:
            return None
        try:
            year, month, day = (int(normalise_digits(self.raw_parts[p])) for p in self.PARTS)
            return date(year, month, day)
        except ValueError:
            return None

    def _value(self) -> str:
        return self.data.isoformat() if isinstance(self.data, date) else ""
