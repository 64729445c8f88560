"""A required answer is never only spaces (issue 25): one rule in the shared fields, checked
here over every typed field of every step of every service, and the counter's forms."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask_wtf import FlaskForm
from werkzeug.datastructures import MultiDict
from wtforms import SelectField, StringField, TextAreaField

from app.services import SERVICES
from app.services.model import StepContext
from app.web.forms.counter import RecordAgentForm, RegisterPersonForm
from app.web.forms.track import RespondForm

BLANKS = ("        ", "\u3000\u3000\u3000", " \u200b ")  # spaces, full-width, invisible


def _typed_fields(form: FlaskForm) -> list[str]:
    return [field.name for field in form
            if isinstance(field, StringField | TextAreaField) and field.name != "csrf_token"]


def _steps() -> list[Any]:
    return [pytest.param(service.code, step, id=f"{service.code}:{step.key}")
            for service in SERVICES for step in service.steps]


def _error(app: Flask, make_form: Any, name: str, typed: str, prepare: Any = None) -> list[str]:
    with app.test_request_context(headers={"Accept-Language": "en"}):
        form = make_form(MultiDict({name: typed}))
        if prepare is not None:
            prepare(form)
        for field in form:
            if isinstance(field, SelectField) and field.choices is None:
                field.choices = []  # chosen from data elsewhere; not what is checked here
        form.validate()
        return [str(error) for error in form.errors.get(name, [])]


def _required_fields(app: Flask, make_form: Any, prepare: Any = None) -> list[str]:
    with app.test_request_context():
        names = _typed_fields(make_form(MultiDict()))
    return [name for name in names if _error(app, make_form, name, "", prepare)]


@pytest.mark.parametrize(("service_code", "step"), _steps())
def test_spaces_are_not_an_answer_to_any_required_question(app: Flask, service_code: str,
                                                            step: Any) -> None:
    context = StepContext(channel="online")

    def make_form(formdata: MultiDict) -> FlaskForm:
        return step.form(formdata=formdata, answers={}, context=context)

    def prepare(form: FlaskForm) -> None:
        if step.prepare is not None:
            step.prepare(form, context, {})

    for name in _required_fields(app, make_form, prepare):
        empty = _error(app, make_form, name, "", prepare)
        for blank in BLANKS:
            assert _error(app, make_form, name, blank, prepare) == empty, (step.key, name, blank)


def test_every_service_has_required_typed_questions_checked(app: Flask) -> None:
    """The test above would pass on nothing: it must find the name, address and bank fields."""
    found = set()
    context = StepContext(channel="online")
    for service in SERVICES:
        for step in service.steps:
            def make_form(formdata: MultiDict, step: Any = step) -> FlaskForm:
                return step.form(formdata=formdata, answers={}, context=context)

            def prepare(form: FlaskForm, step: Any = step) -> None:
                if step.prepare is not None:
                    step.prepare(form, context, {})
            found |= {f"{step.key}.{name}" for name in _required_fields(app, make_form, prepare)}
    assert {"full_name.full_name", "address_township.address_line", "bank_account.bank",
            "bank_account.holder", "residents.people"} <= found


@pytest.mark.parametrize("form_class", [RegisterPersonForm, RecordAgentForm, RespondForm])
def test_spaces_are_not_an_answer_on_the_counter_and_tracking_forms(app: Flask,
                                                                    form_class: Any) -> None:
    def make_form(formdata: MultiDict) -> FlaskForm:
        return form_class(formdata=formdata)

    required = _required_fields(app, make_form)
    assert required
    for name in required:
        for blank in BLANKS:
            assert _error(app, make_form, name, blank) == _error(app, make_form, name, ""), name


def test_a_name_of_eight_spaces_is_refused_and_the_name_kept_trimmed(app: Flask) -> None:
    from app.services.shared_steps import FullNameForm

    assert _error(app, FullNameForm, "full_name", " " * 8) == [
        "Enter the applicant's full name, as on their ID card"]
    with app.test_request_context():
        form = FullNameForm(MultiDict({"full_name": "  王小明 "}))
        assert form.validate() and form.full_name.data == "王小明"
