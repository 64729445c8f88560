"""Python side of the form components: attributes that tie a control to its hint and error."""

from __future__ import annotations

from typing import Any

import wtforms.widgets.core
from flask import Flask
from markupsafe import Markup, escape
from wtforms import Field
from wtforms.widgets.core import clean_key

# WTForms' own, kept before init_components replaces it: tests/test_html_params.py compares them.
WTFORMS_HTML_PARAMS = wtforms.widgets.core.html_params


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


def option_attributes(field: Field, kind: str) -> dict[str, Any]:
    """A radio's or checkbox's attributes. Each option is described by the group's hint and
    error, as the fieldset is: Orca 43 never reads a fieldset's description, so the error went
    unheard. A checkbox is not `required`: one ticked box answers the question (the legend says
    that the group is required)."""
    attributes: dict[str, Any] = {"class": f"{kind}__input"}
    if described := described_by(field):
        attributes["aria-describedby"] = described
    if field.errors:
        attributes["aria-invalid"] = "true"
    if kind == "checkboxes":
        attributes["required"] = False
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


def html_params(**kwargs: Any) -> Markup:
    """WTForms' html_params, the same attributes in the same order, built with plain strings:
    its Markup.format per attribute made a select of thirty townships cost 2.5 ms."""
    params: list[str] = []
    for key, value in sorted(kwargs.items()):
        key = clean_key(key)
        if value is True:
            params.append(escape(key))
        elif value is not False:
            # escape() leaves Markup as it is, so a quote in one still needs escaping.
            params.append(f'{escape(key)}="{str(escape(value)).replace(chr(34), "&quot;")}"')
    return Markup(" ".join(params))


def init_components(app: Flask) -> None:
    # Every WTForms widget writes its attributes through this module-level function (inputs and
    # buttons through their own reference to it).
    wtforms.widgets.core.html_params = html_params
    wtforms.widgets.html_params = html_params
    wtforms.widgets.core.Input.html_params = staticmethod(html_params)
    wtforms.widgets.core.Button.html_params = staticmethod(html_params)
    app.jinja_env.globals.update(
        summary_errors=summary_errors,
        described_by=described_by,
        control_attributes=control_attributes,
        option_attributes=option_attributes,
        first_control_id=first_control_id,
    )
