"""The application wizard: one engine for every service, for residents, agents and the counter.

POST → save → redirect → GET. Each valid step is saved on the server when it is sent; "save and
come back later" keeps even an unfinished page.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf import FlaskForm
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain import applications as domain
from app.domain import (
    cards,
    delegations,
    documents,
    drafts,
    held_documents,
    one_application,
    paper_documents,
    policies,
    told_once,
)
from app.domain.answers import address_county, address_township, contact_phone, for_whom
from app.domain.audit import AuditAction, record_access
from app.domain.channels import channel_of
from app.domain.clock import today_in_china
from app.domain.letters import wants_large_print
from app.domain.made_by import FilledBy, MadeBy, made_at_counter, made_by_agent, made_by_of
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Channel,
    DelegationStatus,
    Document,
    Person,
    Role,
)
from app.forms import error_messages as messages
from app.services import get_service, wizard
from app.services.model import (
    Answers,
    DocumentRequirement,
    PersonFacts,
    ServiceDefinition,
    StepContext,
    context_of_maker,
)
from app.services.one_application import PART_NAMES, OneApplicationDefinition
from app.web import rate_limits
from app.web.access import allowed_or_404, require_account, signed_in, staff_only
from app.web.counter import visit_for as counter_visit_for
from app.web.forms.apply import UploadForm, declaration_form
from app.web.messages import queue_bundle_message, queue_submission_message
from app.web.rate_limits import limiter
from app.web.summary import check_answer_rows, sent_documents

apply = Blueprint("apply", __name__)

SAVE_AND_RETURN = "save-and-return"


# Loading with the access policy: anything the policy refuses is "not found".
def _application_for(account: Account, application_id: int, *, edit: bool) -> Application:
    db = get_session()
    # The person comes in the same query: the policy and every page of the wizard read it.
    application = db.get(Application, application_id, options=[joinedload(Application.person)])
    if application is None:
        abort(404)
    allowed = (policies.can_edit_application if edit else policies.can_view_application)(
        db, account, application)
    if not allowed and edit and request.method == "GET" \
            and application.status != ApplicationStatus.DRAFT \
            and policies.can_view_application(db, account, application):
        # A page of the wizard after sending (the browser's Back, a bookmark): the answers as sent.
        abort(redirect(url_for("apply.sent_answers", application_id=application.id)))
    if not allowed:
        abort(404)
    if account.is_staff and request.method == "GET":
        # Staff opening someone's answers, draft or receipt read personal data: it is logged.
        record_access(db, actor=account, action=AuditAction.APPLICATION_VIEW,
                      channel=channel_of(account),
                      person=application.person, application=application,
                      detail={"page": request.endpoint})
        db.commit()
    return application


def _signed_in_with_application(application_id: int, *, edit: bool
                                ) -> tuple[Account, Application]:
    """The signed-in account and the application it asks for, when it may see (or edit) it."""
    account = require_account()
    return account, _application_for(account, application_id, edit=edit)


def _service_of(application: Application) -> ServiceDefinition:
    service = get_service(application.service_code)
    if service is None:
        abort(404)
    return service


def _context(application: Application, account: Account) -> StepContext:
    person = application.person
    facts = None
    if person is not None:
        facts = PersonFacts(full_name=person.full_name, id_number=person.id_number,
                            phone=person.phone, county_code=person.county_code,
                            township_code=person.township_code, address_line=person.address_line,
                            new_card_from=cards.new_application_from(person, today_in_china()))
    people: tuple[tuple[int, str], ...] = ()
    if application.channel == Channel.ONLINE and account.role == Role.PUBLIC:
        people = tuple((d.person.id, d.person.full_name)
                       for d in delegations.delegations_of_agent(get_session(), account)
                       if d.status == DelegationStatus.ACTIVE and d.person is not None)
    own_application = account.person_id == person.id if person is not None else not people
    for_themselves = application.channel == Channel.ONLINE and account.role == Role.PUBLIC \
        and own_application
    return StepContext(channel=application.channel, person=facts, people=people,
                       area_code=account.area_code if application.channel == Channel.COUNTER
                       else None,
                       own_phone=account.phone if for_themselves and account.phone_verified_at
                       else None,
                       language=str(get_locale()) if application.channel == Channel.ONLINE
                       else None, **context_of_maker(_made_by(application, account)))


def _made_by(application: Application, account: Account) -> MadeBy:
    """Who makes the application: as recorded when it was sent, or as things stand now."""
    if application.made_by:
        return made_by_of(application)
    if application.channel == Channel.COUNTER:
        visit = counter_visit_for(account, application.person) if application.person else None
        return made_at_counter(visit)
    if (application.person is None and _for_self(application, account)) \
            or (application.person is not None and application.person_id == account.person_id):
        return MadeBy(FilledBy.APPLICANT)
    return made_by_agent(get_session(), account, application.person)


def _resume_url(application: Application, account: Account) -> str:
    if application.status != ApplicationStatus.DRAFT:
        return url_for("apply.confirmation", application_id=application.id)
    service = _service_of(application)
    step = wizard.first_unanswered(service, _context(application, account), application.answers)
    if step is not None:
        return url_for("apply.step", application_id=application.id, step_key=step.key)
    return url_for("apply.documents_page", application_id=application.id)


@apply.post("/services/<service_code>/start")
@signed_in
def start(service_code: str) -> Response:
    account = require_account()
    service = get_service(service_code)
    if service is None or account.role != Role.PUBLIC:
        abort(404)
    db = get_session()
    draft = domain.open_draft(db, service_code=service.code, created_by=account,
                              channel=Channel.ONLINE)
    if draft is not None:
        flash(_("You already started this application. Carry on where you left off."))
    else:
        draft = domain.start_application(db, service_code=service.code, created_by=account,
                                         channel=Channel.ONLINE, person=account.person)
        _fill_held(draft, service)
        db.commit()
    return redirect(_resume_url(draft, account))


@apply.post("/counter/people/<int:person_id>/apply/<service_code>")
@staff_only(Role.COUNTER)
def start_at_counter(person_id: int, service_code: str) -> Response:
    account = require_account()
    db = get_session()
    person = db.get(Person, person_id)
    service = get_service(service_code)
    if person is None or service is None or not policies.can_act_for_person(db, account, person):
        abort(404)
    draft = domain.open_draft(db, service_code=service.code, created_by=account,
                              channel=Channel.COUNTER, person=person)
    if draft is None:
        draft = domain.start_application(db, service_code=service.code, created_by=account,
                                         channel=Channel.COUNTER, person=person)
        _fill_held(draft, service)
        # Who came with the person, and their consent, travel with the application's record.
        visit = counter_visit_for(account, person)
        record_access(db, actor=account, action=AuditAction.APPLICATION_START,
                      channel=Channel.COUNTER,
                      person=person, application=draft,
                      detail={"agent_present": visit} if visit else None)
        db.commit()
    return redirect(_resume_url(draft, account))


def _fill_held(application: Application, service: ServiceDefinition) -> None:
    """One application (issue 23) asks nothing the person's record holds."""
    if isinstance(service, OneApplicationDefinition) and application.person is not None:
        application.answers = service.held_answers(
            told_once.held_facts(get_session(), application.person), application.answers)


@apply.get("/applications/<int:application_id>")
@signed_in
def resume(application_id: int) -> Response:
    account, application = _signed_in_with_application(application_id, edit=False)
    if application.status == ApplicationStatus.DRAFT and account.role == Role.COUNTER \
            and not policies.can_edit_application(get_session(), account, application):
        # Someone's online draft: counter staff see it listed, and start their own application.
        flash(_("This draft was started online and only its maker can change it. To help the "
                "person in front of you, start an application at the counter."))
        return redirect(url_for("counter.person", person_id=application.person_id)
                        if application.person_id else url_for("counter.find_person"))
    return redirect(_resume_url(application, account))


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


def _choose_person(application: Application, account: Account, choice: str) -> None:
    """The applicant step decides whom the application is for (checked against the policy)."""
    db = get_session()
    if choice == "self":
        application.person = account.person
        return
    application.person = allowed_or_404(db.get(Person, int(choice.removeprefix("person-"))),
                                        partial(policies.can_act_for_person, db, account))


@apply.route("/applications/<int:application_id>/steps/<step_key>", methods=["GET", "POST"])
@limiter.limit(rate_limits.ID_NUMBERS_PER_ACCOUNT, methods=["POST"],
               key_func=rate_limits.signed_in_account,
               exempt_when=rate_limits.not_the_id_number_step)
@signed_in
def step(application_id: int, step_key: str) -> str | Response:
    account, application = _signed_in_with_application(application_id, edit=True)
    service = _service_of(application)
    context = _context(application, account)
    answers = application.answers
    current = service.step(step_key)
    if current is None or not wizard.can_open(service, context, answers, step_key):
        return redirect(_resume_url(application, account))

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
        if step_key == "applicant":
            _choose_person(application, account, answer["for_whom"])
        domain.save_step(application, step_key, answer, clears=current.clears)
        if step_key == "applicant":
            _fill_held(application, service)
        db.commit()
        if step_key == "applicant":  # the person changed, and with it the context
            context = _context(application, account)
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
        identity=_identity_for(step_key, answers),
    )


def _for_self(application: Application, account: Account) -> bool:
    """Whether a draft without a person record is the applicant's own (a resident or agent
    who has no record yet; staff always start from one)."""
    return account.role == Role.PUBLIC and account.person is None and \
        for_whom(application.answers) == "self"


def _after_step(application: Application, context: StepContext, service: ServiceDefinition,
                step_key: str) -> str:
    following = wizard.next_step(service, context, application.answers, step_key)
    if request.args.get("return") == "check" and following is None:
        return url_for("apply.check_answers", application_id=application.id)
    if following is not None:
        return url_for("apply.step", application_id=application.id, step_key=following.key)
    return url_for("apply.documents_page", application_id=application.id)


def _identity_for(step_key: str, answers: Any) -> Any:
    if step_key != "confirm_identity":
        return None
    from app.services.shared_steps import identity_facts

    return identity_facts(answers)


# The helpers below take the StepContext the view made once: making it reads the account's
# delegations, a query each time.
def _requirements(application: Application, context: StepContext,
                  service: ServiceDefinition) -> list[DocumentRequirement]:
    return service.documents_for(context, application.answers)


def _ready_for_documents(application: Application, context: StepContext,
                         service: ServiceDefinition) -> bool:
    return wizard.first_unanswered(service, context, application.answers) is None


@apply.route("/applications/<int:application_id>/documents", methods=["GET", "POST"])
@signed_in
def documents_page(application_id: int) -> str | Response:
    account, application = _signed_in_with_application(application_id, edit=True)
    service = _service_of(application)
    context = _context(application, account)
    if not _ready_for_documents(application, context, service):
        return redirect(_resume_url(application, account))
    requirements = _requirements(application, context, service)
    uploaded = documents.current_documents(get_session(), application)
    on_paper = paper_documents.paper_documents(get_session(), application)
    page_errors: list[tuple[str, str]] = []
    answering_request = application.status == ApplicationStatus.MORE_INFORMATION
    if request.method == "POST" and answering_request:  # back to answering staff's request
        return redirect(url_for("track.respond", application_id=application.id))
    if request.method == "POST":  # "Continue": every required document must be there
        missing = _missing_documents(application, context, service)
        if not missing:
            return redirect(url_for("apply.check_answers", application_id=application.id))
        page_errors = [(f"add-{r.code}", _("Add the %(document)s", document=str(r.title)))
                       for r in missing]
    db = get_session()
    return render_template("apply/documents.html", application=application, service=service,
                           requirements=requirements, uploaded=uploaded, page_errors=page_errors,
                           on_paper=on_paper,
                           removable={d.id for d in uploaded
                                      if policies.can_remove_document(db, account, application,
                                                                      d)},
                           paper_withdrawable={code for code, paper in on_paper.items()
                                               if policies.can_take_back(db, account, application,
                                                                         paper.promised_at)},
                           added_later={d.id for d in uploaded
                                        if documents.added_after_sending(application, d)},
                           held=_held(application, account, requirements, uploaded, on_paper),
                           back_url=url_for("track.respond", application_id=application.id)
                           if answering_request
                           else _last_step_url(application, context, service),
                           page_title=_("Upload documents"))


def _held(application: Application, account: Account,
          requirements: list[DocumentRequirement], uploaded: list[Document],
          on_paper: Any) -> dict[str, Document]:
    """Files accepted with an earlier application, for the documents not yet given (issue 23)."""
    if application.status != ApplicationStatus.DRAFT:
        return {}
    there = {d.requirement_code for d in uploaded} | set(on_paper)
    db = get_session()
    return {code: document for code, document in held_documents.held_documents(
        db, application, [r.code for r in requirements if r.code not in there]).items()
        if policies.can_reuse_document(db, account, application, document)}


@apply.post("/applications/<int:application_id>/documents/<requirement_code>/reuse/"
            "<int:document_id>")
@signed_in
def reuse_document(application_id: int, requirement_code: str, document_id: int) -> Response:
    """"Use this one": the file accepted before is copied to this application, not asked again."""
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    db = get_session()
    document = db.get(Document, document_id)
    if document is None or document.requirement_code != requirement.code \
            or not policies.can_reuse_document(db, account, application, document):
        abort(404)
    if any(d.requirement_code == requirement.code
           for d in documents.current_documents(db, application)):
        return _back_to_requirement(application, requirement)  # a second press adds nothing
    one_application.copy_document(db, document, application,
                                  Path(current_app.config["UPLOAD_FOLDER"]),
                                  uploaded_by_account_id=account.id)
    db.commit()
    flash(_("Added %(name)s to %(document)s.", name=document.original_filename,
            document=str(requirement.title)))
    return _back_to_requirement(application, requirement)


def _missing_documents(application: Application, context: StepContext,
                       service: ServiceDefinition) -> list[Any]:
    """Required documents neither uploaded nor promised on paper."""
    db = get_session()
    there = {d.requirement_code for d in documents.current_documents(db, application)} | \
        set(paper_documents.paper_documents(db, application))
    return [r for r in _requirements(application, context, service)
            if r.required and r.code not in there]


def _requirement_or_404(application: Application, account: Account, service: ServiceDefinition,
                        requirement_code: str) -> DocumentRequirement:
    context = _context(application, account)
    requirement = next((r for r in _requirements(application, context, service)
                        if r.code == requirement_code), None)
    if requirement is None or not _ready_for_documents(application, context, service):
        abort(404)
    return requirement


def _editable_requirement(application_id: int, requirement_code: str
                          ) -> tuple[Account, Application, DocumentRequirement]:
    """For the actions on one document of a draft: who acts, the application, the document."""
    account, application = _signed_in_with_application(application_id, edit=True)
    requirement = _requirement_or_404(application, account, _service_of(application),
                                      requirement_code)
    return account, application, requirement


def _back_to_requirement(application: Application, requirement: DocumentRequirement
                         ) -> Response:
    return redirect(url_for("apply.documents_page", application_id=application.id,
                            _anchor=f"requirement-{requirement.code}"))


@apply.post("/applications/<int:application_id>/documents/<requirement_code>/bring-later")
@signed_in
def bring_later(application_id: int, requirement_code: str) -> Response:
    """"I will bring it to the counter later": the application can be sent without the file."""
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    db = get_session()
    paper_documents.promise(db, application, requirement.code, by=account)
    db.commit()
    flash(_("You will bring the %(document)s to the counter.", document=str(requirement.title)))
    return _back_to_requirement(application, requirement)


@apply.post("/applications/<int:application_id>/documents/<requirement_code>/upload-instead")
@signed_in
def upload_instead(application_id: int, requirement_code: str) -> Response:
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    db = get_session()
    promised = paper_documents.paper_documents(db, application).get(requirement.code)
    if promised is not None and not policies.can_take_back(db, account, application,
                                                           promised.promised_at):
        abort(404)  # promised with the application when it was sent: it stays on the file
    paper_documents.withdraw_promise(db, application, requirement.code)
    db.commit()
    return _back_to_requirement(application, requirement)


def _last_step_url(application: Application, context: StepContext,
                   service: ServiceDefinition) -> str:
    steps = wizard.path(service, context, application.answers)
    return url_for("apply.step", application_id=application.id, step_key=steps[-1].key)


@apply.route("/applications/<int:application_id>/documents/<requirement_code>/add",
             methods=["GET", "POST"])
@signed_in
def add_document(application_id: int, requirement_code: str) -> str | Response:
    account, application, requirement = _editable_requirement(application_id, requirement_code)
    form = UploadForm(max_mb=current_app.config["MAX_UPLOAD_MB"])
    if form.validate_on_submit():
        chosen, checked = form.checked_files()
        if not chosen:
            form.files.errors.append(str(messages.CHOOSE_FILE))
        elif form.files.errors:
            pass  # each refused file is named beside the field; nothing is stored
        elif (no_room := _no_room(application, checked)) is not None:
            form.files.errors.append(no_room)
        else:
            db = get_session()
            for item in checked:
                documents.store_document(db, folder=Path(current_app.config["UPLOAD_FOLDER"]),
                                         application=application,
                                         requirement_code=requirement.code, checked=item,
                                         uploaded_by=account)
            db.commit()
            flash(_("Added %(count)s file(s) to %(document)s.", count=len(checked),
                    document=str(requirement.title)))
            return redirect(url_for("apply.documents_page", application_id=application.id))
    return render_template("apply/add_document.html", form=form, application=application,
                           requirement=requirement, page_title=str(requirement.title))


def _no_room(application: Application, checked: list[documents.CheckedFile]) -> str | None:
    """Why the files do not fit in the application, or None when they do."""
    config = current_app.config
    try:
        documents.check_room(get_session(), application, checked,
                             max_count=config["MAX_DOCUMENTS_PER_APPLICATION"],
                             max_total_bytes=config["MAX_APPLICATION_UPLOADS_MB"] * 1024 * 1024)
    except documents.NoRoom as full:
        message = messages.TOO_MANY_DOCUMENTS if full.too_many else messages.DOCUMENTS_TOO_LARGE
        return str(message) % {"limit": full.limit}
    return None


def _document_of(application: Application, document_id: int) -> Document:
    document = get_session().get(Document, document_id)
    if document is None or document.application_id != application.id or document.removed_at:
        abort(404)
    return document


@apply.post("/applications/<int:application_id>/documents/<int:document_id>/remove")
@signed_in
def remove_document(application_id: int, document_id: int) -> Response:
    account, application = _signed_in_with_application(application_id, edit=True)
    document = _document_of(application, document_id)
    if not policies.can_remove_document(get_session(), account, application, document):
        abort(404)  # sent with the application: it stays on the file
    documents.remove_document(document)
    get_session().commit()
    documents.delete_file(Path(current_app.config["UPLOAD_FOLDER"]), document)
    flash(_("Removed %(name)s.", name=document.original_filename))
    return redirect(url_for("apply.documents_page", application_id=application.id))


@apply.get("/applications/<int:application_id>/documents/<int:document_id>")
@signed_in
def download_document(application_id: int, document_id: int) -> Response:
    account, application = _signed_in_with_application(application_id, edit=False)
    document = _document_of(application, document_id)
    db = get_session()
    record_access(db, actor=account, action=AuditAction.DOCUMENT_DOWNLOAD,
                  channel=channel_of(account),
                  person=application.person, application=application,
                  detail={"document_id": document.id})
    db.commit()
    path = Path(current_app.config["UPLOAD_FOLDER"]) / document.stored_name
    response = send_file(path, mimetype=document.content_type, as_attachment=True,
                         download_name=documents.display_name(document.original_filename,
                                                              document.content_type))
    response.headers["X-Content-Type-Options"] = "nosniff"
    # ID cards and medical records: kept by no browser or proxy cache, not even for a moment.
    response.headers["Cache-Control"] = "no-store, private"
    return response


@apply.get("/applications/<int:application_id>/check")
@signed_in
def check_answers(application_id: int) -> str | Response:
    account, application = _signed_in_with_application(application_id, edit=True)
    service = _service_of(application)
    context = _context(application, account)
    if not _ready_for_documents(application, context, service):
        return redirect(_resume_url(application, account))
    full_numbers = _full_numbers_for(account, application)
    rows = check_answer_rows(service, context, application, masked=not full_numbers)
    uploaded = documents.current_documents(get_session(), application)
    return render_template("apply/check.html", application=application, service=service,
                           rows=rows, uploaded=uploaded, made_by=_made_by(application, account),
                           staff_numbers=_staff_numbers(account, full_numbers),
                           on_paper=paper_documents.paper_documents(get_session(), application),
                           requirements=_requirements(application, context, service),
                           page_title=_("Check your answers before sending"))


@apply.route("/applications/<int:application_id>/declaration", methods=["GET", "POST"])
@signed_in
def declaration(application_id: int) -> str | Response:
    account = require_account()
    db = get_session()
    application = db.get(Application, application_id)
    if application is not None:
        # The same draft sent a moment ago from another tab may have linked this account to its
        # person since the account was read: the check below must see that.
        db.refresh(account)
    if application is None or not policies.can_view_application(db, account, application):
        abort(404)
    if application.status != ApplicationStatus.DRAFT:  # submitted already: never twice
        return redirect(url_for("apply.confirmation", application_id=application.id))
    application = _application_for(account, application_id, edit=True)
    service = _service_of(application)
    context = _context(application, account)
    if not _ready_for_documents(application, context, service):
        return redirect(_resume_url(application, account))
    if _missing_documents(application, context, service):
        flash(_("Add the documents marked below before you send the application."))
        return redirect(url_for("apply.documents_page", application_id=application.id))
    form = declaration_form(context.filled_by)
    if form.validate_on_submit():
        return _submit(application, account, service, context)
    return render_template("apply/declaration.html", form=form, application=application,
                           service=service, on_behalf=context.on_behalf,
                           lines=service.declaration_lines(context, application.answers),
                           page_title=_("Declaration and consent"))


def _submit(application: Application, account: Account, service: ServiceDefinition,
            context: StepContext) -> Response:
    """Sends the draft; the same draft sent at the same moment from elsewhere (a double click,
    two tabs) ends on the one receipt."""
    try:
        return _send(application, account, service, context)
    except (IntegrityError, StaleDataError):
        get_session().rollback()
        if not _sent_meanwhile(application.id):
            raise  # not a send that won the race: a real failure, shown as such
        return redirect(url_for("apply.confirmation", application_id=application.id))


def _sent_meanwhile(application_id: int) -> bool:
    """Whether another request has sent this draft since this one read it."""
    return get_session().scalar(select(Application.status).where(
        Application.id == application_id)) != ApplicationStatus.DRAFT


def _send(application: Application, account: Account, service: ServiceDefinition,
          context: StepContext) -> Response:
    db = get_session()
    answers = wizard.answers_on_path(service, context, application.answers)
    phone = contact_phone(answers)
    if application.person is None:
        try:
            application.person = domain.person_for_new_applicant(
                db, account, answers, phone=phone, for_self=_for_self(application, account))
        except delegations.IdNumberTaken:
            db.rollback()
            if _sent_meanwhile(application.id):
                # The same draft sent at this moment from another tab made the person first.
                return redirect(url_for("apply.confirmation", application_id=application.id))
            # Registered since the number was typed: the question says what to do.
            flash(str(messages.ID_NUMBER_REGISTERED))
            return redirect(url_for("apply.step", application_id=application.id,
                                    step_key="id_number"))
    else:
        domain.update_person_contact(application.person, answers, phone=phone)
    township = address_township(answers) or ""
    if isinstance(service, OneApplicationDefinition):
        return _send_parts(application, account, service, context, answers,
                           county_code=address_county(answers) or "", township_code=township)
    try:
        domain.submit_application(db, application, actor=account, answers_on_path=answers,
                                  county_code=address_county(answers) or "",
                                  township_code=township,
                                  made_by=_made_by(application, account))
    except domain.AlreadySubmitted:
        return redirect(url_for("apply.confirmation", application_id=application.id))
    visit = counter_visit_for(account, application.person) \
        if application.channel == Channel.COUNTER else None
    record_access(db, actor=account, action=AuditAction.APPLICATION_SUBMIT,
                  channel=application.channel, person=application.person,
                  application=application, detail={"agent_present": visit} if visit else None)
    queue_submission_message(db, application)
    db.commit()
    return redirect(url_for("apply.confirmation", application_id=application.id))


def _send_parts(application: Application, account: Account, service: OneApplicationDefinition,
                context: StepContext, answers: Answers, *, county_code: str,
                township_code: str) -> Response:
    """One application (残疾人服务"一件事"): sent as one application per part, one receipt."""
    db = get_session()
    try:
        bundle = one_application.send(
            db, application, service.plans(context, answers), actor=account,
            made_by=_made_by(application, account), county_code=county_code,
            township_code=township_code,
            upload_folder=Path(current_app.config["UPLOAD_FOLDER"]))
    except domain.AlreadySubmitted:
        return redirect(url_for("apply.confirmation", application_id=application.id))
    visit = counter_visit_for(account, application.person) \
        if application.channel == Channel.COUNTER and application.person else None
    for part in bundle.parts:
        record_access(db, actor=account, action=AuditAction.APPLICATION_SUBMIT,
                      channel=application.channel, person=application.person,
                      application=part.application,
                      detail={"agent_present": visit} if visit else None)
    queue_bundle_message(db, [part.application for part in bundle.parts])
    db.commit()
    return redirect(url_for("apply.confirmation", application_id=application.id))


@apply.get("/applications/<int:application_id>/confirmation")
@signed_in
def confirmation(application_id: int) -> str | Response:
    account, application = _signed_in_with_application(application_id, edit=False)
    if application.status == ApplicationStatus.DRAFT:
        return redirect(_resume_url(application, account))
    service = _service_of(application)
    part = one_application.part_of(get_session(), application)
    if part is not None:  # one application for several services: one receipt for every part
        db = get_session()
        parts = [p for p in one_application.parts_of_bundle(db, part.bundle_id)
                 if policies.can_view_application(db, account, p.application)]
        return render_template("apply/one_application_receipt.html", application=application,
                               made_by=made_by_of(application), parts=parts, part_names=PART_NAMES,
                               services={p.application.service_code:
                                         get_service(p.application.service_code)
                                         for p in parts},
                               page_title=_("Application sent"))
    # Large print (the receipt counter staff print and hand over): as the applicant asked in
    # their communication needs, or as whoever prints it chooses (?print=large / standard).
    asked = application.person is not None and wants_large_print(application,
                                                                 application.person)
    large_print = {"large": True, "standard": False}.get(request.args.get("print", ""), asked)
    return render_template("apply/confirmation.html", application=application,
                           made_by=made_by_of(application),
                           service=service, large_print=large_print, asked_large_print=asked,
                           to_bring=_to_bring(application, _context(application, account),
                                              service),
                           page_title=_("Application sent"))


def _to_bring(application: Application, context: StepContext,
              service: ServiceDefinition) -> list[DocumentRequirement]:
    """The documents promised on paper that staff have not seen yet, as requirements."""
    waiting = set(paper_documents.outstanding(get_session(), application))
    return [r for r in _requirements(application, context, service) if r.code in waiting]


def _full_numbers_for(account: Account, application: Application) -> bool:
    """Whether the page shows ID card, disability card and bank account numbers whole: always
    to the applicant and their agents (they typed them), to staff only when they ask, and that
    view is written to the audit log."""
    if not account.is_staff:
        return True
    if request.args.get("full_numbers") != "1":
        return False
    db = get_session()
    record_access(db, actor=account, action=AuditAction.APPLICATION_VIEW_FULL_NUMBERS,
                  channel=channel_of(account), person=application.person,
                  application=application, detail={"page": request.endpoint})
    db.commit()
    return True


def _staff_numbers(account: Account, full_numbers: bool) -> dict[str, str] | None:
    """The links a member of staff uses to show or hide the full numbers (None for others)."""
    if not account.is_staff:
        return None
    view_args = dict(request.view_args or {})
    return {"shown": "1" if full_numbers else "",
            "show_url": url_for(str(request.endpoint), **view_args, full_numbers=1),
            "hide_url": url_for(str(request.endpoint), **view_args)}


@apply.get("/applications/<int:application_id>/answers")
@signed_in
def sent_answers(application_id: int) -> str | Response:
    """The application as sent, to read again: the answers and the documents, nothing to change."""
    account, application = _signed_in_with_application(application_id, edit=False)
    if application.status == ApplicationStatus.DRAFT:
        return redirect(_resume_url(application, account))
    service = _service_of(application)
    context = _context(application, account)
    requirements = _requirements(application, context, service)
    full_numbers = _full_numbers_for(account, application)
    return render_template(
        "apply/sent_answers.html", application=application, service=service,
        rows=check_answer_rows(service, context, application, masked=not full_numbers),
        staff_numbers=_staff_numbers(account, full_numbers),
        documents_sent=sent_documents(requirements,
                                      documents.current_documents(get_session(), application)),
        to_bring=_to_bring(application, context, service),
        page_title=_("Your application as sent"))


@apply.get("/applications")
@signed_in
def my_applications() -> str:
    account = require_account()
    listed = domain.applications_for_account(get_session(), account)
    return render_template("apply/my_applications.html", applications=listed,
                           services={code: get_service(code) for code in
                                     {a.service_code for a in listed}},
                           page_title=_("Your applications"))


@apply.get("/applications/<int:application_id>/delete")
@signed_in
def confirm_delete_draft(application_id: int) -> str | Response:
    """"Are you sure?": a page of its own, so that it works without JavaScript."""
    _account, application = _signed_in_with_application(application_id, edit=True)
    if application.status != ApplicationStatus.DRAFT:
        return redirect(url_for("apply.my_applications"))
    return render_template("apply/delete_draft.html", application=application,
                           service=_service_of(application),
                           page_title=_("Delete this draft?"))


@apply.post("/applications/<int:application_id>/delete")
@signed_in
def delete_draft(application_id: int) -> Response:
    _account, application = _signed_in_with_application(application_id, edit=True)
    if application.status != ApplicationStatus.DRAFT:
        abort(404)
    db = get_session()
    drafts.delete_draft(db, application, upload_folder=Path(current_app.config["UPLOAD_FOLDER"]))
    db.commit()
    flash(_("The draft is deleted."))
    return redirect(url_for("apply.my_applications"))
