"""A resident's or agent's own account: their details, their agents, the people they act for."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from app.database import get_session
from app.domain.access import policies
from app.domain.access.audit import AuditAction, record_access
from app.domain.clock import today_in_china
from app.domain.models import Account, Channel, Delegation, DelegationStatus, Relationship
from app.domain.people import cards, delegations, invitation_limits
from app.domain.people.identity import mask_mobile
from app.forms import error_messages as messages
from app.languages import BY_CODE, LANGUAGES
from app.web import rate_limits
from app.web.access import require_account, signed_in
from app.web.forms.accounts import MessageLanguageForm
from app.web.forms.agents import InviteAgentForm, OwnDetailsForm, RequestToActForm
from app.web.messages import queue_invitation_message
from app.web.provincial import provincial_sign_in_configured
from app.web.rate_limits import limiter

account = Blueprint("account", __name__, url_prefix="/account")



@account.get("")
@signed_in
def overview() -> str:
    me = require_account()
    db = get_session()
    acting_for = delegations.delegations_of_agent(db, me)
    return render_template(
        "account/overview.html",
        me=me,
        masked_phone=mask_mobile(me.phone),
        message_language=BY_CODE[message_language_of(me)].native_name,
        my_agents=delegations.delegations_of_person(db, me.person_id) if me.person_id else [],
        acting_for=acting_for,
        # The people whose allowances (issue 22) the agent may open: active delegations only.
        with_allowances={d.id for d in acting_for
                         if d.status == DelegationStatus.ACTIVE and d.person_id is not None},
        invitations=delegations.invitations_for(db, me),
        provincial_sign_in=provincial_sign_in_configured(current_app),
        card=cards.status_of(me.person, today_in_china()),
    )


@account.route("/message-language", methods=["GET", "POST"])
@signed_in
def message_language() -> str | Response:
    """Messages already sent stay as they were; every later one comes in the chosen language."""
    me = require_account()
    db = get_session()
    form = MessageLanguageForm(data={"language": message_language_of(me)})
    form.language.choices = [(language.code, language.native_name) for language in LANGUAGES]
    if form.validate_on_submit():
        me.locale = form.language.data
        if me.person is not None:  # the text messages about their own applications too
            me.person.preferred_language = form.language.data
        db.commit()
        flash(_("From now on we send your messages in %(language)s.",
                language=BY_CODE[form.language.data].native_name))
        return redirect(url_for("account.overview"))
    return render_template("account/message_language.html", form=form,
                           page_title=form.language.label.text)


def message_language_of(me: Account) -> str:
    person_language = me.person.preferred_language if me.person else None
    return person_language or me.locale or "zh_Hans_CN"


@account.route("/details", methods=["GET", "POST"])
@limiter.limit(rate_limits.ID_NUMBERS_PER_ACCOUNT, methods=["POST"],
               key_func=rate_limits.signed_in_account)
@signed_in
def own_details() -> str | Response:
    me = require_account()
    if me.person is not None:
        return redirect(url_for("account.overview"))
    form = OwnDetailsForm()
    if form.validate_on_submit():
        db = get_session()
        try:
            person = delegations.link_own_person(db, me, full_name=form.full_name.data,
                                                 id_number=form.id_number.parsed)
        except delegations.IdNumberTaken:
            form.id_number.errors.append(str(messages.OWN_ID_NUMBER_REGISTERED))
        else:
            record_access(db, actor=me, action=AuditAction.PERSON_LINK_OWN, channel=Channel.ONLINE,
                          person=person)
            db.commit()
            flash(_("Your details are saved."))
            return redirect(url_for("account.overview"))
    return render_template("account/own_details.html", form=form)


@account.route("/agents/invite", methods=["GET", "POST"])
@signed_in
def invite_agent() -> str | Response:
    me = require_account()
    if me.person is None:
        flash(_("First tell us your name and ID card number."))
        return redirect(url_for("account.own_details"))
    if not policies.can_invite_agent(me):
        return redirect(url_for("account.overview"))  # the page says how to verify first
    form = InviteAgentForm()
    if form.validate_on_submit():
        db = get_session()
        limit = invitation_limits.limit_reached(db, me.person, form.phone.data)
        if form.phone.data == me.phone:
            form.phone.errors.append(str(messages.INVITE_NOT_YOURSELF))
        elif limit is not None:
            form.phone.errors.append(str(messages.INVITATION_LIMIT[limit]))
        else:
            delegations.invite_agent(db, me.person, phone=form.phone.data,
                                     relationship=Relationship(form.relationship.data))
            queue_invitation_message(db, phone=form.phone.data)
            record_access(db, actor=me, action=AuditAction.DELEGATION_INVITE,
                          channel=Channel.ONLINE,
                          person=me.person)
            db.commit()
            flash(_("We sent an invitation to %(phone)s. You will see them here when they accept.",
                    phone=mask_mobile(form.phone.data)))
            return redirect(url_for("account.overview"))
    return render_template("account/invite_agent.html", form=form)


def _delegation_or_404(delegation_id: int) -> Delegation:
    delegation = get_session().get(Delegation, delegation_id)
    if delegation is None:
        abort(404)
    return delegation


@account.post("/invitations/<int:delegation_id>/<any(accept, decline):answer>")
@signed_in
def answer_invitation(delegation_id: int, answer: str) -> Response:
    me = require_account()
    delegation = _delegation_or_404(delegation_id)
    db = get_session()
    try:
        delegations.answer_invitation(delegation, me, accept=answer == "accept")
    except delegations.DelegationNotAllowed:
        abort(404)
    record_access(db, actor=me, action=AuditAction.DELEGATION_ACCEPT if answer == "accept"
                  else AuditAction.DELEGATION_DECLINE, channel=Channel.ONLINE,
                  person=delegation.person)
    db.commit()
    if answer == "accept":
        flash(_("You can now act for %(name)s.", name=delegation.person_name))
    else:
        flash(_("You declined the invitation."))
    return redirect(url_for("account.overview"))


@account.route("/act-for", methods=["GET", "POST"])
@signed_in
def request_to_act() -> str | Response:
    me = require_account()
    form = RequestToActForm()
    if form.validate_on_submit():
        db = get_session()
        if invitation_limits.requests_to_act_limit_reached(db, me):
            form.id_number.errors.append(str(messages.REQUESTS_TO_ACT_LIMIT))
            return render_template("account/request_to_act.html", form=form)
        try:
            delegation = delegations.request_to_act(
                db, me, full_name=form.full_name.data, id_number=form.id_number.parsed,
                relationship=Relationship(form.relationship.data), note=form.note.data or "")
        except delegations.DelegationNotAllowed:
            form.id_number.errors.append(str(messages.ACT_NOT_FOR_YOURSELF))
        else:
            record_access(db, actor=me, action=AuditAction.DELEGATION_REQUEST,
                          channel=Channel.ONLINE,
                          person=delegation.person)
            db.commit()
            flash(_("Your request is sent. Bring proof, such as the guardianship certificate or "
                    "household register, to the township or street office. Staff confirm it "
                    "there."))
            return redirect(url_for("account.overview"))
    return render_template("account/request_to_act.html", form=form)


@account.post("/delegations/<int:delegation_id>/end")
@signed_in
def end_delegation(delegation_id: int) -> Response:
    me = require_account()
    delegation = _delegation_or_404(delegation_id)
    if not policies.can_end_delegation(me, delegation):
        abort(404)
    db = get_session()
    try:
        delegations.end_delegation(delegation, me)
    except delegations.DelegationNotAllowed:
        abort(404)
    record_access(db, actor=me, action=AuditAction.DELEGATION_END, channel=Channel.ONLINE,
                  person=delegation.person)
    db.commit()
    flash(_("That arrangement has ended."))
    return redirect(url_for("account.overview"))
