"""Documents brought to the counter instead of uploaded (纸质材料, "I will bring it later").

Any document can be promised on paper: the application can still be sent, the check page and the
receipt say what to bring, and staff mark the paper seen when it is shown at the counter.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import clock
from app.domain.models import Account, Application, PaperDocument


def paper_documents(session: Session, application: Application) -> dict[str, PaperDocument]:
    """The application's documents promised on paper, by requirement code."""
    return {paper.requirement_code: paper for paper in session.scalars(
        select(PaperDocument).where(PaperDocument.application_id == application.id)
        .order_by(PaperDocument.id))}


def promise(session: Session, application: Application, requirement_code: str, *,
            by: Account) -> PaperDocument:
    """The applicant will bring this document; promising twice keeps the first promise."""
    existing = paper_documents(session, application).get(requirement_code)
    if existing is not None:
        return existing
    paper = PaperDocument(application_id=application.id, requirement_code=requirement_code,
                          promised_by_account_id=by.id, promised_at=clock.utc_now())
    session.add(paper)
    session.flush()
    return paper


def withdraw_promise(session: Session, application: Application, requirement_code: str) -> None:
    """Upload it after all: the promise goes, unless staff have already seen the paper."""
    paper = paper_documents(session, application).get(requirement_code)
    if paper is not None and paper.seen_at is None:
        session.delete(paper)
        session.flush()


class AlreadySeen(Exception):
    """Someone marked this paper seen already (two members of staff at once)."""


def mark_seen(session: Session, paper: PaperDocument, *, by: Account) -> None:
    if paper.seen_at is not None:
        raise AlreadySeen(paper.requirement_code)
    paper.seen_by_account_id = by.id
    paper.seen_at = clock.utc_now()
    session.flush()


def outstanding(session: Session, application: Application) -> list[str]:
    """Requirement codes promised on paper and not yet seen by staff: what to bring."""
    return [code for code, paper in paper_documents(session, application).items()
            if paper.seen_at is None]
