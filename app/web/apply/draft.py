"""The application being made, as every page of the wizard needs it: loaded with the
access policy (anything refused is "not found"), the wizard's context, who makes it,
and where to carry on."""

from __future__ import annotations

from typing import NamedTuple

from flask import abort, redirect, request, url_for
from flask_babel import get_locale
from sqlalchemy.orm import joinedload

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.casework.answers import for_whom
from app.domain.casework.made_by import FilledBy, MadeBy, made_at_counter, made_by_agent, made_by_of
from app.domain.clock import today_in_china
from app.domain.models import (
    Account,
    Application,
    ApplicationStatus,
    Channel,
    DelegationStatus,
    Role,
)
from app.domain.people import cards, delegations
from app.services import get_service, wizard
from app.services.model import (
    DocumentRequirement,
    PersonFacts,
    ServiceDefinition,
    StepContext,
    context_of_maker,
)
from app.web.access import require_account
from app.web.counter import visit_for as counter_visit_for


# Loading with the access policy: anything the policy refuses is "not found".
def application_for(account: Account, application_id: int, *, edit: bool) -> Application:
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


def signed_in_with_application(application_id: int, *, edit: bool
                               ) -> tuple[Account, Application]:
    """The signed-in account and the application it asks for, when it may see (or edit) it."""
    account = require_account()
    return account, application_for(account, application_id, edit=edit)


def service_of(application: Application) -> ServiceDefinition:
    service = get_service(application.service_code)
    if service is None:
        abort(404)
    return service


def step_context(application: Application, account: Account) -> StepContext:
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
                       else None, **context_of_maker(maker_of(application, account)))


def maker_of(application: Application, account: Account) -> MadeBy:
    """Who makes the application: as recorded when it was sent, or as things stand now."""
    if application.made_by:
        return made_by_of(application)
    if application.channel == Channel.COUNTER:
        visit = counter_visit_for(account, application.person) if application.person else None
        return made_at_counter(visit)
    if (application.person is None and is_for_self(application, account)) \
            or (application.person is not None and application.person_id == account.person_id):
        return MadeBy(FilledBy.APPLICANT)
    return made_by_agent(get_session(), account, application.person)


def resume_url(application: Application, account: Account) -> str:
    if application.status != ApplicationStatus.DRAFT:
        return url_for("apply.confirmation", application_id=application.id)
    service = service_of(application)
    step = wizard.first_unanswered(service, step_context(application, account), application.answers)
    if step is not None:
        return url_for("apply.step", application_id=application.id, step_key=step.key)
    return url_for("apply.documents_page", application_id=application.id)


def is_for_self(application: Application, account: Account) -> bool:
    """Whether a draft without a person record is the applicant's own (a resident or agent
    who has no record yet; staff always start from one)."""
    return account.role == Role.PUBLIC and account.person is None and \
        for_whom(application.answers) == "self"


# The helpers below take the StepContext the view made once: making it reads the account's
# delegations, a query each time.
def document_requirements(application: Application, context: StepContext,
                          service: ServiceDefinition) -> list[DocumentRequirement]:
    return service.documents_for(context, application.answers)


def ready_for_documents(application: Application, context: StepContext,
                        service: ServiceDefinition) -> bool:
    return wizard.first_unanswered(service, context, application.answers) is None


class DraftPage(NamedTuple):
    """What a page of the draft (a step, documents, check, declaration) works with, made once."""

    account: Account
    application: Application
    service: ServiceDefinition
    context: StepContext


def draft_page(account: Account, application: Application) -> DraftPage:
    return DraftPage(account, application, service_of(application),
                     step_context(application, account))


def after_the_questions(account: Account, application: Application) -> DraftPage:
    """The draft's page after its questions; one still unanswered sends the person to it."""
    page = draft_page(account, application)
    if not ready_for_documents(application, page.context, page.service):
        abort(redirect(resume_url(application, account)))
    return page
