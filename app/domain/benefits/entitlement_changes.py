"""Reported changes (主动申报), decisions about an entitlement, 追回 and objections (异议)
(issue 22).

国发〔2015〕52号 asks recipients to report changes and the paying body to manage the allowances
dynamically (动态管理, 应补尽补、应退则退). A report is a case for the civil affairs of the county
paying the person's allowances; when staff apply it, the effect starts the month after the event
(自情况发生的次月起) through app.domain.benefits.entitlements. Each decision is an
EntitlementDecision: the web layer words it as a letter with review rights
(app.web.entitlement_letters) and tells the person. An objection is re-checked by the county
within 10 working days.

Every function here changes the session and leaves the commit to its caller.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.benefits import entitlements
from app.domain.calendar.holiday_calendar import calendar_for
from app.domain.casework.reference import new_reference
from app.domain.files.documents import CheckedFile, write_file
from app.domain.models import (
    Account,
    ChangeKind,
    ChangeReport,
    ChangeReportDocument,
    ChangeReportState,
    Channel,
    Entitlement,
    EntitlementDecision,
    EntitlementDecisionKind,
    EntitlementState,
    Objection,
    ObjectionState,
    OverpaymentRecovery,
    Person,
)

# The county checks a report within this many working days. No national or Jilin text sets it
# (docs/process.md): the portal uses the objection's 10 days so reports show a date in the queue.
REPORT_CHECK_WORKING_DAYS = 10
OBJECTION_WORKING_DAYS = 10  # 异议: re-checked by the county within 10 working days (issue 22)
MOST_DOCUMENTS = 5
# The allowance a change ends; None: every allowance of the person.
ENDS: dict[ChangeKind, str | None] = {
    ChangeKind.MOVED_OUT_OF_JILIN: None,
    ChangeKind.SUBSISTENCE_ENDED: "living",
    ChangeKind.CARE_LEVEL_CHANGED: "care",
    ChangeKind.ENTERED_INSTITUTION: None,
    ChangeKind.DIED: None,
}
# The changes a document must come with: a death (the family reports it with the certificate or
# the 户籍 cancellation) and a move (the new 户口簿 page).
DOCUMENT_NEEDED = frozenset({ChangeKind.DIED, ChangeKind.MOVED_WITHIN_JILIN,
                             ChangeKind.MOVED_OUT_OF_JILIN})
# Decisions a person may object to (异议); a dismissed objection is contested by 行政复议.
OBJECTABLE = frozenset({EntitlementDecisionKind.STOPPED, EntitlementDecisionKind.SUSPENDED,
                        EntitlementDecisionKind.RECOVERY})


def live_entitlements(session: Session, person_id: int) -> list[Entitlement]:
    """The person's entitlements not stopped (paying or suspended)."""
    return [e for e in entitlements.entitlements_of(session, person_id)
            if e.state != EntitlementState.STOPPED]


def paying_county(session: Session, person: Person) -> str | None:
    """The county whose civil affairs receive the person's reports: the one paying them."""
    live = live_entitlements(session, person.id)
    return live[0].county_code if live else None


# Reports ------------------------------------------------------------------------------------


def start_report(session: Session, person: Person, *, by: Account, channel: Channel,
                 relationship: str | None = None) -> ChangeReport:
    """A draft report, saved page by page; None of it reaches staff until it is sent."""
    county = paying_county(session, person)
    if county is None:
        raise ValueError("the person has no allowance to report a change about")
    report = ChangeReport(person=person, county_code=county, reported_by_account_id=by.id,
                          channel=channel, reporter_relationship=relationship,
                          state=ChangeReportState.DRAFT)
    session.add(report)
    session.flush()
    return report


def needs_document(report: ChangeReport) -> bool:
    return report.kind in DOCUMENT_NEEDED


def missing(report: ChangeReport) -> list[str]:
    """What the report still lacks before it can be sent, as the page keys that ask for it."""
    lacking = []
    if report.kind is None:
        lacking.append("kind")
    if report.event_date is None:
        lacking.append("date")
    if report.kind == ChangeKind.MOVED_WITHIN_JILIN and not report.new_county_code:
        lacking.append("county")
    if report.kind == ChangeKind.NEW_ACCOUNT and not report.account_number:
        lacking.append("account")
    if needs_document(report) and not report.documents:
        lacking.append("documents")
    return lacking


def add_document(session: Session, report: ChangeReport, *, folder: Path, checked: CheckedFile,
                 uploaded_by: Account) -> ChangeReportDocument:
    stored_name, sha256 = write_file(folder, checked)
    document = ChangeReportDocument(
        report=report, original_filename=checked.filename, stored_name=stored_name,
        content_type=checked.content_type, size_bytes=checked.size, sha256=sha256,
        uploaded_by_account_id=uploaded_by.id)
    session.add(document)
    session.flush()
    return document


class NotReady(ValueError):
    """The report lacks something (missing() says what), or was sent already."""


def send_report(session: Session, report: ChangeReport, *, today: date) -> ChangeReport:
    """Sends the draft to county civil affairs, once: sending again changes nothing."""
    if report.state != ChangeReportState.DRAFT:
        return report
    if missing(report):
        raise NotReady(missing(report))
    while True:
        reference = new_reference()
        if session.scalar(select(ChangeReport.id).where(
                ChangeReport.reference == reference)) is None:
            break
    report.reference, report.sent_on = reference, today
    report.due_on = calendar_for(session).add_working_days(today, REPORT_CHECK_WORKING_DAYS)
    report.state = ChangeReportState.RECEIVED
    return report


def reports_queue(session: Session, county_codes: Sequence[str], *,
                  limit: int = 100) -> list[ChangeReport]:
    """The reports waiting for these counties' civil affairs, soonest due first."""
    return list(session.scalars(
        select(ChangeReport).where(ChangeReport.county_code.in_(county_codes),
                                   ChangeReport.state == ChangeReportState.RECEIVED)
        .order_by(ChangeReport.due_on, ChangeReport.id).limit(limit)).all())


def reports_of(session: Session, person_id: int) -> list[ChangeReport]:
    """A person's sent reports, newest first."""
    return list(session.scalars(
        select(ChangeReport).where(ChangeReport.person_id == person_id,
                                   ChangeReport.state != ChangeReportState.DRAFT)
        .order_by(ChangeReport.id.desc())).all())


class AlreadyDecided(ValueError):
    """Someone decided this report or objection already."""


def decide_report(session: Session, report: ChangeReport, *, staff: Account, apply: bool,
                  reason: str, today: date) -> list[EntitlementDecision]:
    """County civil affairs apply a report (its effect from the month after the event) or find
    it does not change the payment, with reasons. Returns the decisions to tell the person."""
    if report.state != ChangeReportState.RECEIVED:
        raise AlreadyDecided(report.id)
    report.state = ChangeReportState.APPLIED if apply else ChangeReportState.NOT_APPLIED
    report.decided_on, report.decided_by_account_id = today, staff.id
    report.decision_reason = reason.strip()
    if not apply or report.kind is None or report.event_date is None:
        return []
    if report.kind == ChangeKind.DIED:
        return record_death(session, report.person, died_on=report.event_date, today=today,
                            actor=staff, note=reason, report=report)
    made: list[EntitlementDecision] = []
    for entitlement in live_entitlements(session, report.person_id):
        if report.kind == ChangeKind.MOVED_WITHIN_JILIN:
            assert report.new_county_code is not None
            moved = entitlements.move_to_county(
                session, entitlement, county_code=report.new_county_code,
                event_month=report.event_date, today=today, actor_id=staff.id)
            # The letter is about the allowance as the new county pays it.
            made.append(_decision(session, moved, EntitlementDecisionKind.MOVED,
                                  reason=report.kind.value, note=reason, today=today,
                                  staff=staff, report=report,
                                  effective=entitlements.next_month(report.event_date)))
        elif report.kind == ChangeKind.NEW_ACCOUNT:
            entitlements.change_account(
                session, entitlement, bank_name=report.bank_name or "",
                holder=report.account_holder or "", number=report.account_number or "",
                today=today, actor_id=staff.id)
            made.append(_decision(session, entitlement, EntitlementDecisionKind.ACCOUNT_CHANGED,
                                  reason=report.kind.value, note=reason, today=today,
                                  staff=staff, report=report, effective=None))
        elif ENDS.get(report.kind, "") in (None, entitlement.allowance):
            made += stop_entitlement(session, entitlement, reason=report.kind.value,
                                     event_date=report.event_date, note=reason, today=today,
                                     actor=staff, report=report)
    return made


# Decisions about an entitlement ---------------------------------------------------------------


def _decision(session: Session, entitlement: Entitlement, kind: EntitlementDecisionKind, *,
              reason: str | None, note: str | None, today: date, staff: Account | None,
              report: ChangeReport | None = None, event_date: date | None = None,
              effective: date | None = None) -> EntitlementDecision:
    decision = EntitlementDecision(
        entitlement=entitlement, kind=kind, reason=reason, note=(note or "").strip() or None,
        event_date=event_date or (report.event_date if report else None),
        effective_month=effective, decided_on=today,
        decided_by_account_id=staff.id if staff else None, change_report=report)
    session.add(decision)
    session.flush()
    return decision


def stop_entitlement(session: Session, entitlement: Entitlement, *, reason: str,
                     event_date: date, note: str | None, today: date, actor: Account | None,
                     report: ChangeReport | None = None) -> list[EntitlementDecision]:
    """停发 from the month after the event, and 追回 of any month paid after it."""
    entitlements.stop(session, entitlement, event_month=event_date, today=today, reason=reason,
                      actor_id=actor.id if actor else None)
    made = [_decision(session, entitlement, EntitlementDecisionKind.STOPPED, reason=reason,
                      note=note, today=today, staff=actor, report=report, event_date=event_date,
                      effective=entitlements.next_month(event_date.replace(day=1)))]
    recovery = recover_overpayment(session, entitlement, today=today, actor=actor, note=note)
    if recovery is not None:
        made.append(recovery.decision)
    return made


def record_death(session: Session, person: Person, *, died_on: date, today: date,
                 actor: Account | None = None, note: str | None = None,
                 report: ChangeReport | None = None) -> list[EntitlementDecision]:
    """The recipient died: every allowance stops from the month after the death, and what was
    paid for later months is asked back (追回). Reported by the family (a change report) or
    found in a death roster (issue 23 calls this). A death already recorded changes nothing,
    so a roster imported twice or a report after the roster stops nobody twice. The caller
    tells the family: app.web.entitlement_messages.tell_decision(session, decision) for each
    decision returned, inside an app context, before the commit."""
    made: list[EntitlementDecision] = []
    for entitlement in live_entitlements(session, person.id):
        made += stop_entitlement(session, entitlement, reason="died", event_date=died_on,
                                 note=note, today=today, actor=actor, report=report)
    return made


def decide(session: Session, entitlement: Entitlement, kind: EntitlementDecisionKind, *,
           reason: str, note: str, today: date, staff: Account,
           event_date: date | None = None) -> list[EntitlementDecision]:
    """A decision civil affairs make on their own findings: 停发 (from the month after
    ``event_date``), 暂停 or 恢复 (months held back are paid in the next run: 补发)."""
    if kind == EntitlementDecisionKind.STOPPED:
        return stop_entitlement(session, entitlement, reason=reason,
                                event_date=event_date or today, note=note, today=today,
                                actor=staff)
    if kind == EntitlementDecisionKind.SUSPENDED:
        entitlements.suspend(session, entitlement, today=today, reason=reason,
                             actor_id=staff.id)
        return [_decision(session, entitlement, kind, reason=reason, note=note, today=today,
                          staff=staff, effective=today.replace(day=1))]
    if kind == EntitlementDecisionKind.RESUMED:
        return [_resume(session, entitlement, reason=reason, note=note, today=today,
                        staff=staff)]
    raise ValueError(f"civil affairs do not decide {kind} this way")


def _resume(session: Session, entitlement: Entitlement, *, reason: str, note: str | None,
            today: date, staff: Account | None) -> EntitlementDecision:
    entitlements.resume(session, entitlement, today=today, reason=reason,
                        actor_id=staff.id if staff else None)
    return _decision(session, entitlement, EntitlementDecisionKind.RESUMED, reason=reason,
                     note=note, today=today, staff=staff)


# 追回 -----------------------------------------------------------------------------------------


def recover_overpayment(session: Session, entitlement: Entitlement, *, today: date,
                        actor: Account | None, note: str | None = None
                        ) -> OverpaymentRecovery | None:
    """Asks back the months paid after the last month owed that no recovery asks for yet (a
    month still with the bank when payment stopped is asked once its return says paid)."""
    asked = {month for recovery in recoveries_of(session, entitlement)
             for month in recovery.months}
    months = [p for p in entitlements.overpaid(session, entitlement)
              if p.month.strftime("%Y-%m") not in asked]
    if not months:
        return None
    decision = _decision(session, entitlement, EntitlementDecisionKind.RECOVERY,
                         reason=entitlement.state_reason, note=note, today=today, staff=actor,
                         effective=months[0].month)
    recovery = OverpaymentRecovery(
        entitlement=entitlement, decision=decision, amount_fen=sum(p.amount_fen for p in months),
        months=[p.month.strftime("%Y-%m") for p in months], asked_on=today)
    session.add(recovery)
    session.flush()
    return recovery


def recoveries_of(session: Session, entitlement: Entitlement) -> list[OverpaymentRecovery]:
    return list(session.scalars(select(OverpaymentRecovery).where(
        OverpaymentRecovery.entitlement_id == entitlement.id).order_by(OverpaymentRecovery.id)))


def open_recoveries(session: Session, county_codes: Sequence[str], *,
                    limit: int = 100) -> list[OverpaymentRecovery]:
    """Money asked back and not yet settled, in these counties, oldest first."""
    return list(session.scalars(
        select(OverpaymentRecovery).join(OverpaymentRecovery.entitlement)
        .where(Entitlement.county_code.in_(county_codes),
               OverpaymentRecovery.settled_on.is_(None))
        .order_by(OverpaymentRecovery.asked_on, OverpaymentRecovery.id).limit(limit)).all())


def settle_recovery(recovery: OverpaymentRecovery, *, today: date, by: Account | None,
                    note: str) -> None:
    """The money came back (or the county waived it, with its reasons)."""
    if recovery.settled_on is not None:
        raise AlreadyDecided(recovery.id)
    recovery.settled_on, recovery.settled_note = today, note.strip()
    recovery.settled_by_account_id = by.id if by else None


# 异议 -------------------------------------------------------------------------------------------


def objection_to(session: Session, decision: EntitlementDecision) -> Objection | None:
    return session.scalar(select(Objection).where(Objection.decision_id == decision.id))


def may_object(session: Session, decision: EntitlementDecision) -> bool:
    """One objection per decision, to a stop, a suspension or a recovery."""
    return decision.kind in OBJECTABLE and objection_to(session, decision) is None


def lodge_objection(session: Session, decision: EntitlementDecision, *, by: Account,
                    channel: Channel, grounds: str, today: date) -> Objection:
    """异议, online or at the counter: the county re-checks it within 10 working days. One per
    decision: sending twice lodges it once."""
    existing = objection_to(session, decision)
    if existing is not None:
        return existing
    if decision.kind not in OBJECTABLE:
        raise ValueError(f"no objection to {decision.kind}")
    objection = Objection(
        decision=decision, county_code=decision.entitlement.county_code, grounds=grounds.strip(),
        lodged_by_account_id=by.id, channel=channel, lodged_on=today,
        due_on=calendar_for(session).add_working_days(today, OBJECTION_WORKING_DAYS),
        state=ObjectionState.OPEN)
    session.add(objection)
    session.flush()
    return objection


def objections_queue(session: Session, county_codes: Sequence[str], *,
                     limit: int = 100) -> list[Objection]:
    return list(session.scalars(
        select(Objection).where(Objection.county_code.in_(county_codes),
                                Objection.state == ObjectionState.OPEN)
        .order_by(Objection.due_on, Objection.id).limit(limit)).all())


def decide_objection(session: Session, objection: Objection, *, staff: Account, upheld: bool,
                     answer: str, today: date) -> EntitlementDecision:
    """Upheld: payment resumes and the stopped months are paid back in the next run (a
    recovery it answers is withdrawn). Dismissed: the decision stands. A letter either way."""
    if objection.state != ObjectionState.OPEN:
        raise AlreadyDecided(objection.id)
    objection.state = ObjectionState.UPHELD if upheld else ObjectionState.DISMISSED
    objection.decided_on, objection.decided_by_account_id = today, staff.id
    objection.answer = answer.strip()
    decided = objection.decision
    entitlement = decided.entitlement
    if not upheld:
        answer_decision = _decision(session, entitlement,
                                    EntitlementDecisionKind.OBJECTION_DISMISSED,
                                    reason=decided.reason, note=answer, today=today, staff=staff)
    else:
        for recovery in recoveries_of(session, entitlement):
            if recovery.settled_on is None:
                settle_recovery(recovery, today=today, by=staff, note=answer)
        if decided.kind == EntitlementDecisionKind.RECOVERY \
                and entitlement.state == EntitlementState.STOPPED:
            # Only the asking back was wrong: nothing resumes.
            answer_decision = _decision(session, entitlement, EntitlementDecisionKind.RECOVERY,
                                        reason="objection_upheld", note=answer, today=today,
                                        staff=staff)
        else:
            answer_decision = _resume(session, entitlement, reason="objection_upheld",
                                      note=answer, today=today, staff=staff)
    objection.answer_decision = answer_decision
    return answer_decision


def recovery_for(session: Session, decision: EntitlementDecision) -> OverpaymentRecovery | None:
    return session.scalar(select(OverpaymentRecovery).where(
        OverpaymentRecovery.decision_id == decision.id))


def decisions_of_person(session: Session, person_id: int) -> list[EntitlementDecision]:
    """The decisions about a person's entitlements, newest first: their letters."""
    return list(session.scalars(
        select(EntitlementDecision).join(EntitlementDecision.entitlement)
        .where(Entitlement.person_id == person_id)
        .order_by(EntitlementDecision.id.desc())).all())
