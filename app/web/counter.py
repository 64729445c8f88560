"""Counter mode (窗口): staff find or register a person and act on their behalf.

Every view checks its record with app.domain.access.policies and answers 404 when the rule refuses;
every read or change of a person's data is written to the audit log.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Any

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.access.channels import channel_of
from app.domain.benefits import outreach
from app.domain.casework import jurisdiction
from app.domain.casework.applications import applications_of_person_for_staff
from app.domain.casework.jurisdiction import SAME_AS_HOME
from app.domain.clock import today_in_china
from app.domain.models import (
    Account,
    Delegation,
    DelegationStatus,
    Person,
    Relationship,
    Role,
)
from app.domain.paging import keyset_page
from app.domain.people import accounts, cards, counter_lookups, delegations, real_name
from app.domain.people.identity import ResidentIdNumber, mask_mobile
from app.domain.places.divisions import Division, load_catalogue
from app.domain.places.place_names import place_label
from app.forms import error_messages as messages
from app.services import SERVICES, one_application
from app.services.shared_steps import county_list
from app.web.access import allowed_or_404, require_account, require_account_allowed, staff_only
from app.web.areas import area_name
from app.web.forms import counter as forms
from app.web.paging import page_links
from app.web.redirects import safe_local_path

counter = Blueprint("counter", __name__, url_prefix="/counter")

# Flask session keys. The ID number found missing is kept on the server (counter_lookups); the
# session carries only its token, so the number is in no cookie, log or browser history.
NEW_ID_NUMBER = "counter_lookup"
COUNTER_VISIT = "counter_visit"  # the agent who is at the counter with the person
PAGE_SIZE = 50


def _now() -> datetime:
    return datetime.now(UTC)


def _counter_staff() -> Account:
    return require_account_allowed(policies.can_use_counter)


def _person_or_404(me: Account, person_id: int) -> Person:
    db = get_session()
    return allowed_or_404(db.get(Person, person_id), partial(policies.can_view_person, db, me))


def _county_of(person: Person) -> Division | None:
    code = person.county_code or (person.township_code or "")[:6]
    return load_catalogue().get(code) if code else None


def _townships_in(area_code: str) -> list[Division]:
    """The townships and streets (乡镇/街道) a member of counter staff registers people in."""
    catalogue = load_catalogue()
    area = catalogue.get(area_code)
    if area is None:
        return []
    if area.level == "township":
        return [area]
    found: list[Division] = []
    for child in catalogue.children(area.code):
        found.extend([child] if child.level == "township" else _townships_in(child.code))
    return found


def _place(person: Person) -> str:
    """County, township and address line, as an address is written in China (largest first)."""
    catalogue = load_catalogue()
    parts = [division.name for code in (person.county_code, person.township_code)
             if code and (division := catalogue.get(code)) is not None]
    if person.address_line:
        parts.append(person.address_line)
    return " ".join(parts)


def visit_for(me: Account, person: Person) -> dict[str, Any] | None:
    visit = session.get(COUNTER_VISIT)
    if visit and visit.get("person_id") == person.id and visit.get("staff_account_id") == me.id:
        return visit
    return None


@counter.route("", methods=["GET", "POST"])
@staff_only(Role.COUNTER)
def find_person() -> str | Response:
    me = _counter_staff()
    form = forms.FindPersonForm()
    if form.validate_on_submit():
        db = get_session()
        person = delegations.find_person(db, form.id_number.data)
        if person is None:
            session[NEW_ID_NUMBER] = counter_lookups.remember_missing(db, me, form.id_number.data)
            db.commit()
            return redirect(url_for("counter.register_person"))
        if policies.can_view_person(db, me, person):
            return redirect(url_for("counter.person", person_id=person.id))
        # Telling staff where the person is registered reveals personal data: it is logged.
        record_access(db, actor=me, action=AuditAction.PERSON_FOUND_OUTSIDE_AREA,
                      channel=channel_of(me),
                      person=person)
        db.commit()
        county = _county_of(person)
        if county is None:
            form.id_number.errors.append(str(messages.PERSON_IN_UNKNOWN_AREA))
        else:
            form.id_number.errors.append(str(messages.PERSON_IN_OTHER_AREA)
                                         % {"county": county.name})
    return render_template("counter/find_person.html", form=form)


@counter.route("/people/new", methods=["GET", "POST"])
@staff_only(Role.COUNTER)
def register_person() -> str | Response:
    me = _counter_staff()
    townships = _townships_in(me.area_code or "")
    initial: dict[str, Any] = {}
    db = get_session()
    if request.method == "GET":
        initial["id_number"] = counter_lookups.missing_number(
            db, me, session.get(NEW_ID_NUMBER)) or ""
        if len(townships) == 1:
            initial["township_code"] = townships[0].code
    form = forms.RegisterPersonForm(data=initial)
    form.township_code.choices = [("", _("Choose a township or street"))] + [
        (township.code, *place_label(township.name, str(get_locale()))) for township in townships]
    form.hukou_county.choices = county_list(
        first=(SAME_AS_HOME, _("The same county as where they live")))
    if form.validate_on_submit():
        if delegations.find_person(db, form.id_number.data) is not None:
            form.id_number.errors.append(str(messages.PERSON_ID_NUMBER_REGISTERED))
        else:
            person = _new_person(form)
            db.add(person)
            db.flush()
            record_access(db, actor=me, action=AuditAction.PERSON_CREATE, channel=channel_of(me),
                          person=person)
            counter_lookups.forget(db, session.pop(NEW_ID_NUMBER, None))
            db.commit()
            flash(_("%(name)s is registered. Check the birth date and sex with them.",
                    name=person.full_name))
            return redirect(url_for("counter.person", person_id=person.id))
    return render_template("counter/register_person.html", form=form)


def _new_person(form: forms.RegisterPersonForm) -> Person:
    id_number: ResidentIdNumber = form.id_number.parsed
    township = load_catalogue().get(form.township_code.data)
    assert township is not None  # the choices are catalogue townships
    hukou = form.hukou_county.data
    return Person(full_name=form.full_name.data.strip(), id_number=id_number.value,
                  birth_date=id_number.birth_date, sex=id_number.sex,
                  phone=form.phone.data or None, county_code=township.parent_code,
                  hukou_county_code=township.parent_code
                  if hukou == SAME_AS_HOME else hukou,
                  township_code=township.code, address_line=form.address_line.data or None,
                  communication_needs=[])


@counter.get("/people/<int:person_id>")
@staff_only(Role.COUNTER)
def person(person_id: int) -> str:
    me = _counter_staff()
    found = _person_or_404(me, person_id)
    db = get_session()
    agents = db.scalars(
        select(Delegation).options(joinedload(Delegation.agent))
        .where(Delegation.person_id == found.id, Delegation.status == DelegationStatus.ACTIVE)
        .order_by(Delegation.id)
    ).all()
    record_access(db, actor=me, action=AuditAction.PERSON_VIEW,
                  channel=channel_of(me), person=found)
    db.commit()
    return render_template(
        "counter/person.html", person=found, hukou=area_name(found.hukou_county_code),
        holder=real_name.holder_of(db, found),
        masked_id=ResidentIdNumber(found.id_number).masked,
        masked_phone=mask_mobile(found.phone) if found.phone else None,
        place=_place(found), agents=agents, visit=visit_for(me, found),
        services=(*SERVICES, one_application.SERVICE),
        applications=applications_of_person_for_staff(db, me, found.id),
        card=cards.status_of(found, today_in_china()),
        invitations=outreach.open_invitations(db, found.id),
    )


@counter.route("/people/<int:person_id>/online-account", methods=["GET", "POST"])
@staff_only(Role.COUNTER)
def online_account(person_id: int) -> str | Response:
    """Who holds the record online and how sure we are (levels of identity); staff who see
    the ID card join the person's own account to the record, or undo a wrong link."""
    me = _counter_staff()
    found = _person_or_404(me, person_id)
    db = get_session()
    holder = real_name.holder_of(db, found)
    form = forms.VerifyOnlineAccountForm()
    if form.validate_on_submit():
        account = accounts.find_account_by_phone(db, form.phone.data)
        try:
            real_name.verify_at_counter(db, staff=me, account=account, person=found, now=_now())
        except real_name.CannotVerify as refused:
            form.phone.errors.append(str(messages.ONLINE_ACCOUNT_NOT_VERIFIABLE[refused.reason]))
        else:
            assert account is not None
            record_access(db, actor=me, action=AuditAction.PERSON_IDENTITY_VERIFIED,
                          channel=channel_of(me), person=found,
                          detail={"account_id": account.id, "id_card_seen": True})
            db.commit()
            flash(_("The online account of %(name)s is verified by real name.",
                    name=found.full_name))
            return redirect(url_for("counter.person", person_id=found.id))
    return render_template("counter/online_account.html", form=form, person=found,
                           holder=holder,
                           holder_phone=mask_mobile(holder.phone) if holder else None)


@counter.post("/people/<int:person_id>/online-account/undo")
@staff_only(Role.COUNTER)
def undo_online_account(person_id: int) -> Response:
    me = _counter_staff()
    found = _person_or_404(me, person_id)
    db = get_session()
    holder = real_name.undo_link(db, found)
    if holder is not None:
        record_access(db, actor=me, action=AuditAction.PERSON_ACCOUNT_UNLINKED,
                      channel=channel_of(me), person=found, detail={"account_id": holder.id})
        db.commit()
        flash(_("The online account no longer holds the record of %(name)s.",
                name=found.full_name))
    return redirect(url_for("counter.person", person_id=found.id))


@counter.route("/people/<int:person_id>/agent", methods=["GET", "POST"])
@staff_only(Role.COUNTER)
def record_agent(person_id: int) -> str | Response:
    me = _counter_staff()
    found = _person_or_404(me, person_id)
    form = forms.RecordAgentForm()
    if form.validate_on_submit():
        visit = {
            "person_id": found.id,
            "agent_name": form.agent_name.data.strip(),
            "agent_phone": form.agent_phone.data,
            "relationship": Relationship(form.relationship.data).value,
            "consent": True,
            "staff_account_id": me.id,
            "recorded_at": _now().isoformat(),
        }
        session[COUNTER_VISIT] = visit
        db = get_session()
        record_access(db, actor=me, action=AuditAction.COUNTER_AGENT_PRESENT,
                      channel=channel_of(me),
                      person=found, detail={key: visit[key] for key in (
                          "agent_name", "agent_phone", "relationship", "consent",
                          "recorded_at")})
        db.commit()
        return redirect(url_for("counter.person", person_id=found.id))
    return render_template("counter/record_agent.html", form=form, person=found)


@counter.route("/people/<int:person_id>/hukou", methods=["GET", "POST"])
@staff_only(Role.COUNTER, Role.CASEWORKER)
def record_hukou(person_id: int) -> str | Response:
    """Record or correct the 户籍 county of a person on record (the wizard asks it only of
    people not on record). Sent applications stay with their county (jurisdiction)."""
    me = require_account()
    db = get_session()
    found = db.get(Person, person_id)
    if found is None or not policies.can_record_hukou(db, me, found):
        abort(404)
    back = safe_local_path(request.values.get("next"),
                           url_for("counter.person", person_id=found.id)
                           if me.role == Role.COUNTER else url_for("casework.queue"))
    form = forms.RecordHukouForm(data={"hukou_county": found.hukou_county_code})
    form.hukou_county.choices = county_list(first=None)
    if form.validate_on_submit():
        before = found.hukou_county_code
        staying = jurisdiction.change_hukou_county(db, found, form.hukou_county.data)
        record_access(db, actor=me, action=AuditAction.PERSON_HUKOU_UPDATE,
                      channel=channel_of(me), person=found,
                      detail={"from": before, "to": found.hukou_county_code,
                              "sent_applications_staying": staying})
        db.commit()
        flash(_("The household registration county of %(name)s is now %(county)s.",
                name=found.full_name, county=area_name(found.hukou_county_code)))
        if staying:
            flash(_("Applications already sent that stay with the county that has them: "
                    "%(count)d.", count=staying))
        return redirect(back)
    return render_template("counter/record_hukou.html", form=form, person=found, back=back)


@counter.get("/agent-requests")
@staff_only(Role.COUNTER, Role.CASEWORKER)
def agent_requests() -> str:
    me = require_account()
    db = get_session()
    # The area rule is in the WHERE clause, not applied after the LIMIT: no page comes back
    # short or empty with a link to the next.
    query = (
        select(Delegation)
        .options(joinedload(Delegation.person), joinedload(Delegation.agent))
        .where(Delegation.status == DelegationStatus.REQUESTED,
               policies.delegations_confirmable_by(me))
    )
    page = keyset_page(db, query, Delegation.id, after=request.args.get("after", type=int),
                       size=PAGE_SIZE)
    if page.items:
        record_access(db, actor=me, action=AuditAction.AGENT_REQUESTS_LIST, channel=channel_of(me),
                      detail={"delegation_ids": [d.id for d in page.items]})
        db.commit()
    return render_template(
        "counter/agent_requests.html", requests=page.items,
        masked_ids={d.id: ResidentIdNumber(d.person_id_number).masked for d in page.items},
        **page_links("counter.agent_requests", page.next_key),
    )


@counter.route("/agent-requests/<int:delegation_id>", methods=["GET", "POST"])
@staff_only(Role.COUNTER, Role.CASEWORKER)
def agent_request(delegation_id: int) -> str | Response:
    me = require_account()
    db = get_session()
    delegation = allowed_or_404(db.get(Delegation, delegation_id),
                                partial(policies.can_confirm_delegation, db, me))
    form = forms.AgentRequestForm()
    if request.method == "POST" and delegation.status != DelegationStatus.REQUESTED:
        flash(_("This request was already decided."))
        return redirect(url_for("counter.agent_requests"))
    if form.validate_on_submit():
        if form.decision.data not in forms.DECISIONS:
            abort(400)
        _decide(me, delegation, confirm=form.decision.data == "confirm",
                proof_seen=bool(form.proof_seen.data))
        db.commit()
        return redirect(url_for("counter.agent_requests"))
    record_access(db, actor=me, action=AuditAction.DELEGATION_VIEW, channel=channel_of(me),
                  person=delegation.person, detail={"delegation_id": delegation.id})
    db.commit()
    return render_template(
        "counter/agent_request.html", form=form, delegation=delegation,
        masked_id=ResidentIdNumber(delegation.person_id_number).masked,
        agent_phone=mask_mobile(delegation.agent.phone) if delegation.agent else None,
    )


def _decide(me: Account, delegation: Delegation, *, confirm: bool, proof_seen: bool) -> None:
    """Records the decision the domain allows, says what it means, and writes the audit log."""
    try:
        delegations.decide_request(get_session(), delegation, me, confirm=confirm,
                                   proof_seen=proof_seen)
    except delegations.DelegationNotAllowed:
        abort(404)
    agent_name = delegation.agent.display_name if delegation.agent else ""
    if confirm:
        flash(_("%(agent)s can now act for %(person)s.", agent=agent_name,
                person=delegation.person_name))
    else:
        flash(_("You declined the request from %(agent)s to act for %(person)s.",
                agent=agent_name, person=delegation.person_name))
    record_access(get_session(), actor=me,
                  action=AuditAction.DELEGATION_CONFIRM_REQUEST if confirm
                  else AuditAction.DELEGATION_DECLINE_REQUEST,
                  channel=channel_of(me), person=delegation.person,
                  detail={"delegation_id": delegation.id, "proof_seen": proof_seen})
