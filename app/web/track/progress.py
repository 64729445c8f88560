"""What happens next, in plain words: the status, the next step and what the person must do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.database import get_session
from app.domain.models import Application, StatusEvent
from app.domain.models import ApplicationStatus as S
from app.domain.rules.service_rules import rules_for
from app.services import get_service
from app.services.model import ServiceDefinition
from app.web.deadline_dates import deadline_words
from app.web.labels import status_label
from app.web.track.blueprint import track

# --- What happens next, in plain words ------------------------------------------------------

# (with the date, without a date): whole sentences, so each language orders them its own way.
NEXT_STEPS: dict[S, tuple[Any, Any]] = {
    S.DRAFT: (_l("Finish the application and send it. Your answers are saved."),) * 2,
    S.SUBMITTED: (_l("Staff check that the application is complete. They will do this by "
                     "%(date)s."),
                  _l("Staff check that the application is complete.")),
    S.ACCEPTED: (_l("The county disability federation starts reviewing the application by "
                    "%(date)s."),
                 _l("The county disability federation starts reviewing the application.")),
    S.IN_REVIEW: (_l("The county disability federation reviews the application, or asks for "
                     "more information, by %(date)s."),
                  _l("The county disability federation reviews the application, or asks for "
                     "more information.")),
    S.ASSESSING: (_l("The assessment is under way. We will tell you the date of any "
                     "appointment or visit. The next step is due by %(date)s."),
                  _l("The assessment is under way. We will tell you the date of any "
                     "appointment or visit.")),
    S.PUBLIC_NOTICE: (_l("Your application is on public notice for a few days, as the rules "
                         "require. It goes for the decision by %(date)s."),
                      _l("Your application is on public notice for a few days, as the rules "
                         "require. Then it goes for the decision.")),
    S.READY_FOR_DECISION: (_l("Your application has been reviewed. The decision is due by "
                              "%(date)s."),
                           _l("Your application has been reviewed and waits for the "
                              "decision.")),
    S.WAITING_FOR_QUOTA: (_l("This year's places are all used. Your household waits for next "
                             "year's places; we will tell you when there is one."),) * 2,
    S.WAITING_FOR_CARD: (_l("This part of your application waits for the disability card. It "
                            "goes on by itself when the card is issued: you need not apply "
                            "again."),) * 2,
    S.MORE_INFORMATION: (_l("Send the information we asked for by %(date)s. The review "
                            "continues when we have it."),
                         _l("Send the information we asked for. The review continues when we "
                            "have it.")),
    S.APPROVED: (_l("Staff start the next steps by %(date)s. We will tell you about each one."),
                 _l("Staff start the next steps. We will tell you about each one.")),
    S.IN_PROGRESS: (_l("Staff are working on the next step. It is due by %(date)s."),
                    _l("Staff are working on the next step.")),
    S.REFUSED: (_l("You can ask for a review of the decision if you disagree with it."),) * 2,
    S.RETURNED: (_l("You can ask for a review of the decision if you disagree with it, or "
                    "apply again with what was missing."),) * 2,
    S.COMPLETED: (_l("Nothing more happens. The application is complete."),) * 2,
    S.WITHDRAWN: (_l("Nothing more happens. You can apply again at any time."),) * 2,
}
# A monthly allowance goes on once its first payment is recorded: nothing "ends" (issue 25).
PAID_MONTHLY = _l("The allowance is paid every month. Tell the township or street office within "
                  "15 days if the applicant's income, household or disability level changes, or "
                  "if they move.")
STAGE_NOW = (_l("Now: %(stage)s. The next step is due by %(date)s."), _l("Now: %(stage)s."))


@dataclass(frozen=True)
class Progress:
    status: str  # the status in plain words
    next_step: str  # what happens next, and by when
    must_do: str | None  # "continue", "respond" or "review": what the person must do now
    request: str | None  # what staff asked for, while more information is needed


def _stage_title(service: ServiceDefinition | None, code: str | None) -> str | None:
    stage = service.stage(code) if service is not None else None
    return str(stage.title) if stage is not None else None


def progress_of(application: Application, *, request_reason: str | None = None) -> Progress:
    status = application.status
    due = deadline_words(application.due_on) if application.due_on else None
    stage = _stage_title(get_service(application.service_code), application.stage)
    with_date, without_date = STAGE_NOW if status in (S.IN_PROGRESS, S.ASSESSING) and stage \
        else NEXT_STEPS[status]
    rules = rules_for(application.service_code)
    if status == S.COMPLETED and rules is not None and rules.paid_from_month_of_application:
        with_date = without_date = PAID_MONTHLY
    chosen = with_date if due else without_date
    next_step = str(chosen) % {"date": due, "stage": stage}  # a mapping: unused keys are fine
    must_do = {S.DRAFT: "continue", S.MORE_INFORMATION: "respond", S.REFUSED: "review",
               S.RETURNED: "review"}.get(status)
    return Progress(status=status_label(status), next_step=next_step, must_do=must_do,
                    request=request_reason if status == S.MORE_INFORMATION else None)


def latest_requests(db: Session, application_ids: list[int]) -> dict[int, str | None]:
    """What staff last asked for on each application, in one query."""
    if not application_ids:
        return {}
    found: dict[int, str | None] = {}
    for event in db.scalars(
        select(StatusEvent)
        .where(StatusEvent.application_id.in_(application_ids),
               StatusEvent.to_status == S.MORE_INFORMATION)
        .order_by(StatusEvent.occurred_at, StatusEvent.id)
    ):
        found[event.application_id] = event.reason  # the latest one wins
    return found


def latest_request(db: Session, application: Application) -> str | None:
    """What staff asked for, while the application waits for the answer: the only time a page
    shows it (progress_of), so the other statuses need no query."""
    if application.status != S.MORE_INFORMATION:
        return None
    return latest_requests(db, [application.id]).get(application.id)


@track.app_template_global()
def applications_progress(applications: list[Application]) -> dict[int, Progress]:
    """For "Your applications": each one's status, next step and action, without N+1 queries."""
    waiting = [a.id for a in applications if a.status == S.MORE_INFORMATION]
    requests = latest_requests(get_session(), waiting)
    return {a.id: progress_of(a, request_reason=requests.get(a.id)) for a in applications}
