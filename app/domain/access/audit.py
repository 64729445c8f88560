"""The audit log of who viewed or changed whose personal data (PIPL)."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import ColumnElement

from app.domain.models import Account, Application, AuditEvent, Channel, Person
from app.domain.paging import Page, keyset_page
from app.domain.text import N_


class AuditAction(StrEnum):
    """What an audit event records. The values are the codes stored in `audit_events.action`:
    rows written before this enum existed carry the same codes, so never change a value."""

    PERSON_VIEW = "person.view"
    PERSON_CREATE = "person.create"
    PERSON_HUKOU_UPDATE = "person.hukou_update"  # 户籍 county recorded or corrected
    PERSON_FOUND_OUTSIDE_AREA = "person.found_outside_area"
    PERSON_LINK_OWN = "person.link_own"
    PERSON_IDENTITY_VERIFIED = "person.identity_verified"  # ID card seen: account joined
    PERSON_ACCOUNT_UNLINKED = "person.account_unlinked"  # staff undid a wrong link
    COUNTER_AGENT_PRESENT = "counter.agent_present"
    AGENT_REQUESTS_LIST = "agent_requests.list"
    DELEGATION_VIEW = "delegation.view"
    DELEGATION_CONFIRM_REQUEST = "delegation.confirm_request"
    DELEGATION_DECLINE_REQUEST = "delegation.decline_request"
    DELEGATION_INVITE = "delegation.invite"
    DELEGATION_ACCEPT = "delegation.accept"
    DELEGATION_DECLINE = "delegation.decline"
    DELEGATION_REQUEST = "delegation.request"
    DELEGATION_END = "delegation.end"
    STAFF_CREATE = "staff.create"
    STAFF_UPDATE = "staff.update"
    AUDIT_LOG_VIEW = "audit_log.view"
    DEADLINES_UPDATE = "deadlines.update"
    WORK_CALENDAR_UPDATE = "work_calendar.update"  # a year's holidays entered or corrected
    PASSWORD_CHOSEN = "account.password_chosen"  # replaced the password an administrator chose
    COUNTY_RULES_UPDATE = "county_rules.update"  # 公示 and home-modification places
    QUEUE_LIST = "queue.list"
    APPLICATION_START = "application.start"
    APPLICATION_SUBMIT = "application.submit"
    APPLICATION_VIEW = "application.view"
    APPLICATION_VIEW_FULL_NUMBERS = "application.view_full_numbers"
    APPLICATION_TIMELINE = "application.timeline"
    APPLICATION_DECISION_LETTER = "application.decision_letter"
    APPLICATION_STATUS_LOOKUP = "application.status_lookup"
    APPLICATION_STAGE = "application.stage"
    APPLICATION_NOTE = "application.note"
    APPLICATION_ASSIGN = "application.assign"
    DOCUMENT_DOWNLOAD = "document.download"
    DOCUMENT_PAPER_SEEN = "document.paper_seen"
    LETTER_VIEW = "letter.view"
    LETTER_SENT = "letter.sent"
    # One per status-machine transition: "application." + the transition's name.
    APPLICATION_ACCEPT = "application.accept"
    APPLICATION_RETURN = "application.return"
    APPLICATION_START_REVIEW = "application.start_review"
    APPLICATION_REQUEST_INFORMATION = "application.request_information"
    APPLICATION_PROVIDE_INFORMATION = "application.provide_information"
    APPLICATION_START_ASSESSMENT = "application.start_assessment"
    APPLICATION_FINISH_ASSESSMENT = "application.finish_assessment"
    APPLICATION_START_PUBLIC_NOTICE = "application.start_public_notice"
    APPLICATION_PASS_FOR_DECISION = "application.pass_for_decision"
    APPLICATION_RETURN_TO_REVIEW = "application.return_to_review"
    APPLICATION_WAIT_FOR_QUOTA = "application.wait_for_quota"
    APPLICATION_APPROVE = "application.approve"
    APPLICATION_REFUSE = "application.refuse"
    APPLICATION_START_STAGES = "application.start_stages"
    APPLICATION_COMPLETE = "application.complete"
    APPLICATION_WITHDRAW = "application.withdraw"
    STATISTICS_VIEW = "statistics.view"
    STATISTICS_DOWNLOAD = "statistics.download"
    GUIDE_VIDEO_CREATE = "guide_video.create"
    GUIDE_VIDEO_CAPTIONS = "guide_video.captions"
    GUIDE_VIDEO_TRANSCRIPTS = "guide_video.transcripts"
    GUIDE_VIDEO_SIGN_LANGUAGE = "guide_video.sign_language"
    GUIDE_VIDEO_PUBLISH = "guide_video.publish"
    GUIDE_VIDEO_UNPUBLISH = "guide_video.unpublish"
    # Civil affairs' money pages (issue 22).
    AMOUNT_RECORD = "amount.record"  # an amount of the two subsidies, with its source
    PAYMENT_RUN = "payment.run"  # a county's monthly payment run
    PAYMENT_ROSTER_VIEW = "payment.roster_view"
    PAYMENT_ROSTER_DOWNLOAD = "payment.roster_download"  # names, ID and account numbers
    PAYMENT_RETURN_IMPORT = "payment.return_import"  # the bank's return file, imported
    PAYMENT_RETURN_REFUSED = "payment.return_refused"  # a return file refused, nothing changed
    # My allowances and 定期复核 (issue 22)
    ALLOWANCES_VIEW = "allowances.view"
    ALLOWANCES_STATEMENT = "allowances.statement"
    ALLOWANCES_STATEMENT_CHECK = "allowances.statement_check"
    REVIEW_ANSWER = "review.answer"
    REVIEW_ROUND_OPEN = "review.round_open"
    REVIEW_ROUND_VIEW = "review.round_view"
    REVIEW_SAMPLE = "review.sample"
    REVIEW_CHECK = "review.check"
    # Issue 23: rosters, the monthly comparison, invitations, deaths, 一人一档.
    ROSTER_IMPORT = "roster.import"
    DEATH_ROSTER_IMPORT = "death_roster.import"
    DEATH_RECORDED = "person.death_recorded"
    OUTREACH_LIST = "outreach.list"
    OUTREACH_VIEW = "outreach.view"
    OUTREACH_INVITE = "outreach.invite"
    OUTREACH_CONTACT = "outreach.contact"
    PERSON_FILE_VIEW = "person.file_view"

    @classmethod
    def for_transition(cls, transition_name: str) -> AuditAction:
        """The action recording a status-machine transition (ValueError for an unknown name)."""
        return cls(f"application.{transition_name}")

    @property
    def label(self) -> str:
        """The English message id; the web layer translates it."""
        return AUDIT_ACTION_LABELS[self]


# What the audit log page says for each action (translated when the page renders).
AUDIT_ACTION_LABELS: dict[AuditAction, str] = {
    AuditAction.PERSON_VIEW: N_("Viewed a person's details"),
    AuditAction.PERSON_CREATE: N_("Registered a person at the counter"),
    AuditAction.PERSON_HUKOU_UPDATE: N_("Recorded or corrected a person's household "
                                        "registration (hukou) county"),
    AuditAction.PERSON_FOUND_OUTSIDE_AREA: N_("Searched for a person registered outside their "
                                              "area"),
    AuditAction.PERSON_LINK_OWN: N_("Linked their own ID card number to their account"),
    AuditAction.PERSON_IDENTITY_VERIFIED: N_("Saw a person's ID card and joined their online "
                                             "account to their record"),
    AuditAction.PERSON_ACCOUNT_UNLINKED: N_("Undid the link between a person's record and an "
                                            "online account"),
    AuditAction.COUNTER_AGENT_PRESENT: N_("Recorded an agent present at the counter"),
    AuditAction.AGENT_REQUESTS_LIST: N_("Listed agents' requests to act for someone"),
    AuditAction.DELEGATION_VIEW: N_("Viewed an agent's request to act for someone"),
    AuditAction.DELEGATION_CONFIRM_REQUEST: N_("Confirmed an agent's request after seeing proof"),
    AuditAction.DELEGATION_DECLINE_REQUEST: N_("Declined an agent's request"),
    AuditAction.DELEGATION_INVITE: N_("Invited an agent"),
    AuditAction.DELEGATION_ACCEPT: N_("Accepted an invitation to act for someone"),
    AuditAction.DELEGATION_DECLINE: N_("Declined an invitation to act for someone"),
    AuditAction.DELEGATION_REQUEST: N_("Asked to act for someone"),
    AuditAction.DELEGATION_END: N_("Ended an agent's arrangement"),
    AuditAction.STAFF_CREATE: N_("Created a staff account"),
    AuditAction.STAFF_UPDATE: N_("Changed a staff account"),
    AuditAction.AUDIT_LOG_VIEW: N_("Read the audit log"),
    AuditAction.DEADLINES_UPDATE: N_("Changed a county's deadlines"),
    AuditAction.WORK_CALENDAR_UPDATE: N_("Entered or corrected a year of the holiday calendar"),
    AuditAction.PASSWORD_CHOSEN: N_("Replaced the password an administrator chose"),
    AuditAction.COUNTY_RULES_UPDATE: N_("Changed a county's public notice or home modification "
                                        "places"),
    AuditAction.QUEUE_LIST: N_("Listed the queue of applications"),
    AuditAction.APPLICATION_START: N_("Started an application for a person at the counter"),
    AuditAction.APPLICATION_SUBMIT: N_("Sent an application"),
    AuditAction.APPLICATION_VIEW: N_("Viewed an application"),
    AuditAction.APPLICATION_VIEW_FULL_NUMBERS: N_("Viewed an application with the full ID card "
                                                  "and bank account numbers"),
    AuditAction.APPLICATION_TIMELINE: N_("Viewed the progress of an application"),
    AuditAction.APPLICATION_DECISION_LETTER: N_("Viewed the decision letter of an application"),
    AuditAction.APPLICATION_STATUS_LOOKUP: N_("Looked up the status of an application with a "
                                              "text message code"),
    AuditAction.APPLICATION_STAGE: N_("Recorded a service stage of an application"),
    AuditAction.APPLICATION_NOTE: N_("Wrote a staff note on an application"),
    AuditAction.APPLICATION_ASSIGN: N_("Assigned an application to a staff member"),
    AuditAction.DOCUMENT_DOWNLOAD: N_("Downloaded a document"),
    AuditAction.DOCUMENT_PAPER_SEEN: N_("Marked a paper document seen"),
    AuditAction.LETTER_VIEW: N_("Opened a letter to print"),
    AuditAction.LETTER_SENT: N_("Marked a letter printed and sent"),
    AuditAction.APPLICATION_ACCEPT: N_("Accepted an application"),
    AuditAction.APPLICATION_RETURN: N_("Returned an application without accepting it"),
    AuditAction.APPLICATION_START_REVIEW: N_("Started the review of an application"),
    AuditAction.APPLICATION_REQUEST_INFORMATION: N_("Asked for more information for an "
                                                    "application"),
    AuditAction.APPLICATION_PROVIDE_INFORMATION: N_("Provided the information asked for"),
    AuditAction.APPLICATION_START_ASSESSMENT: N_("Started the assessment of an application"),
    AuditAction.APPLICATION_FINISH_ASSESSMENT: N_("Finished the assessment of an application"),
    AuditAction.APPLICATION_START_PUBLIC_NOTICE: N_("Started the public notice of an "
                                                    "application"),
    AuditAction.APPLICATION_PASS_FOR_DECISION: N_("Passed an application for decision"),
    AuditAction.APPLICATION_RETURN_TO_REVIEW: N_("Sent an application back to the review"),
    AuditAction.APPLICATION_WAIT_FOR_QUOTA: N_("Put an application on the waiting list for next "
                                               "year's places"),
    AuditAction.APPLICATION_APPROVE: N_("Approved an application"),
    AuditAction.APPLICATION_REFUSE: N_("Refused an application"),
    AuditAction.APPLICATION_START_STAGES: N_("Started the service stages of an application"),
    AuditAction.APPLICATION_COMPLETE: N_("Completed an application"),
    AuditAction.APPLICATION_WITHDRAW: N_("Withdrew an application"),
    AuditAction.STATISTICS_VIEW: N_("Read the statistics of an area"),
    AuditAction.STATISTICS_DOWNLOAD: N_("Downloaded a table of statistics"),
    AuditAction.GUIDE_VIDEO_CREATE: N_("Uploaded a guide video"),
    AuditAction.GUIDE_VIDEO_CAPTIONS: N_("Uploaded captions for a guide video"),
    AuditAction.GUIDE_VIDEO_TRANSCRIPTS: N_("Changed the transcripts of a guide video"),
    AuditAction.GUIDE_VIDEO_SIGN_LANGUAGE: N_("Uploaded the sign-language version of a guide "
                                              "video"),
    AuditAction.GUIDE_VIDEO_PUBLISH: N_("Published a guide video"),
    AuditAction.GUIDE_VIDEO_UNPUBLISH: N_("Unpublished a guide video"),
    AuditAction.AMOUNT_RECORD: N_("Recorded a monthly amount of the two subsidies"),
    AuditAction.PAYMENT_RUN: N_("Ran a county's monthly payments"),
    AuditAction.PAYMENT_ROSTER_VIEW: N_("Read a county's payment roster"),
    AuditAction.PAYMENT_ROSTER_DOWNLOAD: N_("Downloaded a county's payment roster for the bank"),
    AuditAction.PAYMENT_RETURN_IMPORT: N_("Imported the bank's return file of a payment roster"),
    AuditAction.PAYMENT_RETURN_REFUSED: N_("Uploaded a bank return file that was refused"),
    AuditAction.ALLOWANCES_VIEW: N_("Viewed a person's allowances and payments"),
    AuditAction.ALLOWANCES_STATEMENT: N_("Printed a person's yearly statement of payments"),
    AuditAction.ALLOWANCES_STATEMENT_CHECK: N_("Checked a statement of payments shown by an "
                                               "office"),
    AuditAction.REVIEW_ANSWER: N_("Recorded an answer to the yearly review"),
    AuditAction.REVIEW_ROUND_OPEN: N_("Opened a county's yearly review"),
    AuditAction.REVIEW_ROUND_VIEW: N_("Viewed the answers to a yearly review"),
    AuditAction.REVIEW_SAMPLE: N_("Drew the sample of review answers to check"),
    AuditAction.REVIEW_CHECK: N_("Recorded the outcome of a review check"),
    AuditAction.ROSTER_IMPORT: N_("Imported a month's minimum living support or extreme "
                                  "poverty roster"),
    AuditAction.DEATH_ROSTER_IMPORT: N_("Imported a list of deaths"),
    AuditAction.DEATH_RECORDED: N_("Recorded a person's death from a list of deaths"),
    AuditAction.OUTREACH_LIST: N_("Listed the people who may be entitled and have not applied"),
    AuditAction.OUTREACH_VIEW: N_("Viewed why a person may be entitled"),
    AuditAction.OUTREACH_INVITE: N_("Invited a person to apply"),
    AuditAction.OUTREACH_CONTACT: N_("Recorded the outcome of a contact"),
    AuditAction.PERSON_FILE_VIEW: N_("Viewed a person's file"),
}


def audit_action_label(code: str) -> str | None:
    """The label for a stored code, or None for a code no longer in the enum."""
    try:
        return AuditAction(code).label
    except ValueError:
        return None


def record_access(session: Session, *, actor: Account | None, action: AuditAction,
                  channel: Channel, person: Person | None = None,
                  application: Application | None = None,
                  detail: dict[str, Any] | None = None) -> AuditEvent:
    # Enforced at run time too: a free string here would show as a raw code in the log.
    if not isinstance(action, AuditAction):
        raise TypeError(f"audit action must be an AuditAction, not {action!r}")
    event = AuditEvent(
        actor_account_id=actor.id if actor else None, action=action.value, channel=channel,
        person_id=person.id if person else None,
        application_id=application.id if application else None, detail=detail or {},
    )
    session.add(event)
    return event


def audit_log_page(session: Session, *, visible: ColumnElement[bool] | None = None,
                   before_id: int | None = None, size: int = 50) -> Page[AuditEvent]:
    """Newest first, keyset-paginated on id so the log stays fast however long it grows.

    Pages for a reader pass their rule as `visible` (policies.audit_events_visible_to).
    """
    query = select(AuditEvent)
    if visible is not None:
        query = query.where(visible)
    return keyset_page(session, query, AuditEvent.id, after=before_id, size=size,
                       newest_first=True)
