"""What staff read on the casework pages: statuses in their words, the buttons of
each action and what they confirm, and communication needs as tasks."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.domain.models import ApplicationStatus as S
from app.domain.models import Channel
from app.web.labels import CHANNELS

# Statuses in the words staff use (applicants read app.web.labels.STATUSES).
STAFF_STATUSES = {
    S.DRAFT: _l("Draft, not sent"),
    S.SUBMITTED: _l("Sent, waiting to be accepted"),
    S.ACCEPTED: _l("Accepted, waiting for the review"),
    S.RETURNED: _l("Returned (not accepted)"),
    S.IN_REVIEW: _l("In review"),
    S.MORE_INFORMATION: _l("Waiting for more information from the applicant"),
    S.ASSESSING: _l("Assessment before the decision"),
    S.PUBLIC_NOTICE: _l("Public notice before the decision"),
    S.READY_FOR_DECISION: _l("Reviewed, ready for decision"),
    S.WAITING_FOR_QUOTA: _l("Waiting for next year's places"),
    S.WAITING_FOR_CARD: _l("Waiting for the disability card it needs"),
    S.APPROVED: _l("Approved, service stages not started"),
    S.REFUSED: _l("Refused"),
    S.IN_PROGRESS: _l("Approved, service stages in progress"),
    S.COMPLETED: _l("Completed"),
    S.WITHDRAWN: _l("Withdrawn"),
}


# The button of each action, named after what it does.
BUTTONS = {
    "accept": _l("Accept the application"),
    "return": _l("Return it"),
    "start_review": _l("Start the review"),
    "request_information": _l("Ask for more information"),
    "provide_information": _l("Record that the information was provided"),
    "start_assessment": _l("Start the assessment"),
    "finish_assessment": _l("Assessment finished: continue the review"),
    "start_public_notice": _l("Start the public notice"),
    "pass_for_decision": _l("Pass it for decision"),
    "return_to_review": _l("Send it back to the review"),
    "wait_for_quota": _l("No places left this year: put it on the waiting list"),
    "approve": _l("Approve"),
    "refuse": _l("Refuse"),
    "start_stages": _l("Start the service stages"),
    "complete": _l("Mark as completed"),
    "withdraw": _l("Withdraw at the applicant's request"),
}


CONFIRMATIONS = {
    "accept": _l("You accepted application %(reference)s."),
    "return": _l("You returned application %(reference)s. The applicant is told the reason."),
    "start_review": _l("You started the review of application %(reference)s."),
    "request_information": _l("You asked for more information for application %(reference)s. "
                              "The applicant is told what is missing."),
    "provide_information": _l("Application %(reference)s is back in review."),
    "start_assessment": _l("The assessment of application %(reference)s has started."),
    "finish_assessment": _l("The assessment of application %(reference)s is finished. It is "
                            "back in review."),
    "start_public_notice": _l("The public notice of application %(reference)s has started."),
    "pass_for_decision": _l("Application %(reference)s is passed for decision."),
    "return_to_review": _l("Application %(reference)s is back in review. The caseworker "
                           "reads your reasons."),
    "wait_for_quota": _l("Application %(reference)s waits for next year's places. The "
                         "applicant is told."),
    "approve": _l("You approved application %(reference)s. The applicant is told."),
    "refuse": _l("You refused application %(reference)s. The applicant is told the reasons and "
                 "how to ask for a review."),
    "start_stages": _l("The service stages of application %(reference)s have started."),
    "complete": _l("Application %(reference)s is completed."),
    "withdraw": _l("Application %(reference)s is withdrawn."),
}


# Communication needs on record, as work for staff (issue 5: letters in large print are a task).
TASKS = {
    "large_print": _l("Send letters to this person in large print"),
    "braille": _l("Send letters to this person in braille"),
    "sign_language": _l("Book a sign language interpreter for every appointment with this "
                        "person"),
    "easy_read": _l("Write to this person in easy read: short sentences with pictures"),
}


LANGUAGE_TASKS = {
    "ko": _l("Write letters to this person in Korean"),
    "en": _l("Write letters to this person in English"),
}


def staff_status(status: S | str) -> str:
    return str(STAFF_STATUSES[S(status)])


def channel_label(channel: Channel | str) -> str:
    return str(CHANNELS[Channel(channel)])


def template_helpers() -> dict[str, Any]:
    return {"staff_status": staff_status, "channel_label": channel_label}
