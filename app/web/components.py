"""Python side of the form components: attributes that tie a control to its hint and error."""

from __future__ import annotations

from flask import Flask
from wtforms import Field


def described_by(field: Field) -> str:
    ids = []
    if field.description:
        ids.append(f"{field.id}-hint")
    if field.errors:
        ids.append(f"{field.id}-error")
    return " ".join(ids)


def control_attributes(field: Field, css_class: str) -> dict[str, str]:
    attributes = {"class": css_class}
    if described := described_by(field):
        attributes["aria-describedby"] = described
    if field.errors:
        attributes["aria-invalid"] = "true"
        attributes["class"] += " input--error"
    return attributes


def first_control_id(field: Field) -> str:
    """Where the error summary's link for this field lands: the first thing to fix."""
    if field.type in ("RadioField", "MultiCheckboxField"):
        return f"{field.id}-0"
    if field.type == "DateInputField":
        return f"{field.id}-{field.first_error_part()}"
    return field.id


def summary_errors(form: object | None, page_errors: list[tuple[str, str]] | None = None
                   ) -> list[tuple[str, str]]:
    """(id to link to, message) for the error summary: the form's errors, or the page's own."""
    if page_errors:
        return list(page_errors)
    fields = getattr(form, "_fields", None)
    if not fields:
        return []
    return [(first_control_id(field), field.errors[0]) for field in fields.values()
            if field.errors]


def init_components(app: Flask) -> None:
    app.jinja_env.globals.update(
        summary_errors=summary_errors,
        described_by=described_by,
        control_attributes=control_attributes,
        first_control_id=first_control_id,
    )
