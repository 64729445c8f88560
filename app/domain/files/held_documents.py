"""Documents already accepted in an earlier application, shown again and reusable with one choice
(国务院令第716号 第七条: what the government holds is not asked for again; issue 23).

"Accepted" is 受理: an application of the same person that staff accepted (whatever its outcome
since, as the document itself was checked then); one returned (不予受理), withdrawn or only sent
is not. The newest such file per document code is offered.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Application, Document
from app.domain.models import ApplicationStatus as S

NOT_ACCEPTED = frozenset({S.DRAFT, S.SUBMITTED, S.RETURNED, S.WITHDRAWN, S.WAITING_FOR_CARD})


def held_documents(session: Session, application: Application,
                   codes: Iterable[str]) -> dict[str, Document]:
    """For each code, the newest file of that code accepted with another application of the
    same person; codes without one are left out."""
    wanted = set(codes)
    if application.person_id is None or not wanted:
        return {}
    found = session.scalars(
        select(Document).join(Application, Document.application_id == Application.id)
        .where(Application.person_id == application.person_id,
               Application.id != application.id,
               Application.status.not_in(NOT_ACCEPTED),
               Document.removed_at.is_(None), Document.requirement_code.in_(wanted))
        .order_by(Document.uploaded_at.desc(), Document.id.desc())).all()
    held: dict[str, Document] = {}
    for document in found:
        held.setdefault(document.requirement_code, document)
    return held
