"""The step pages: one engine for every service's questions. Each valid step is saved
when it is sent; "save and come back later" keeps even an unfinished page."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.casework import applications as domain
from app.domain.models import Application
from app.services import wizard
from app.services.model import Answers, NotAllowed, Saving, ServiceDefinition, StepContext
from app.web import rate_limits
from app.web.access import signed_in
from app.web.apply.blueprint import apply
from app.web.apply.draft import (
    draft_page,
    resume_url,
    signed_in_with_application,
    step_context,
)
from app.web.rate_limits import limiter

SAVE_AND_RETURN = "save-and-return"


def _form_for(step_form: type[FlaskForm], stored: dict[str, Any] | None,
              answers: Answers, context: StepContext) -> FlaskForm:
    """A step's form, filled with what was stored, given the earlier answers and the context
    explicitly (model.StepForm keeps them for validators that compare)."""
    data = {k: v for k, v in (stored or {}).items() if k != wizard.PARTIAL}
    return step_form(data=data, answers=answers, context=context)


def _answer_of(form: FlaskForm) -> dict[str, Any]:
    return {name: field.data for name, field in form._fields.items() if name != "csrf_token"}


def _partial_answer(form: FlaskForm) -> dict[str, Any]:
    """What was typed, valid or not, so "save and come back later" loses nothing."""
    answer: dict[str, Any] = {wizard.PARTIAL: True}
    for name, field in form._fields.items():
        if name == "csrf_token":
            continue
        values = request.form.getlist(name)
        answer[name] = values if field.type == "MultiCheckboxField" else (values[0] if values
                                                                          else None)
    return answer


@apply.route("/applications/<int:application_id>/steps/<step_key>", methods=["GET", "POST"])
@limiter.limit(rate_limits.ID_NUMBERS_PER_ACCOUNT, methods=["POST"],
               key_func=rate_limits.signed_in_account,
               exempt_when=rate_limits.not_a_step_asking_id_numbers)
@signed_in
def step(application_id: int, step_key: str) -> str | Response:
    account, application, service, context = draft_page(
        *signed_in_with_application(application_id, edit=True))
    answers = application.answers
    current = service.step(step_key)
    if current is None or not wizard.can_open(service, context, answers, step_key):
        return redirect(resume_url(application, account))

    stored = answers.get(step_key)
    if stored is None and current.prefill is not None:
        stored = current.prefill(context)
    form = _form_for(current.form, stored, answers, context)
    if current.prepare is not None:
        current.prepare(form, context, answers)

    db = get_session()
    if request.method == "POST" and request.form.get("action") == SAVE_AND_RETURN:
        domain.save_step(application, step_key, _partial_answer(form))
        db.commit()
        flash(_("Your answers are saved. You can come back to them at any time from your "
                "applications."))
        return redirect(url_for("apply.my_applications"))

    if form.validate_on_submit():
        answer = _answer_of(form)
        domain.save_step(application, step_key, answer, clears=current.clears)
        if current.after_save is not None:
            try:
                current.after_save(Saving(db, account, application, service), answer)
            except NotAllowed:
                abort(404)
            # What the hook changed (whom the application is for) changes the context too.
            context = step_context(application, account)
        db.commit()
        return redirect(_after_step(application, context, service, step_key))

    previous = wizard.previous_step(service, context, answers, step_key)
    return render_template(
        "apply/step.html", form=form, step=current, service=service, application=application,
        progress=wizard.progress(service, context, answers, step_key),
        back_url=url_for("apply.step", application_id=application.id, step_key=previous.key)
        if previous else url_for("public.service_start", service_code=service.code),
        # One question per page: its label is the <h1>, so the title is taken from it too.
        page_title=str(form[current.heading_field].label.text) if current.heading_field
        else str(current.title),
        **(current.page_facts(context, answers) if current.page_facts is not None else {}),
    )


def _after_step(application: Application, context: StepContext, service: ServiceDefinition,
                step_key: str) -> str:
    following = wizard.next_step(service, context, application.answers, step_key)
    if request.args.get("return") == "check" and following is None:
        return url_for("apply.check_answers", application_id=application.id)
    if following is not None:
        return url_for("apply.step", application_id=application.id, step_key=following.key)
    return url_for("apply.documents_page", application_id=application.id)
