"""Uploaded documents: type decided from the content, stored outside static/ under random names."""

from __future__ import annotations

import enum
import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.models import Account, Application, Document

# Magic numbers of the types we accept; what a file is named never decides its type.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ("pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", ("jpg", "jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", ("png",)),
)
EXTENSIONS = {ext for _sig, _type, exts in SIGNATURES for ext in exts}


class UploadProblem(enum.StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"
    NAME_DISAGREES = "name_disagrees"  # named .pdf but is a PNG, say: probably the wrong file


class UploadRefused(Exception):
    def __init__(self, problem: UploadProblem, filename: str) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.filename = filename


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str
    filename: str


def detect_type(content: bytes) -> str | None:
    return next((kind for signature, kind, _exts in SIGNATURES if content.startswith(signature)),
                None)


def check_upload(content: bytes, filename: str, *, max_bytes: int) -> CheckedFile:
    name = PurePath(filename.replace("\\", "/")).name or "document"
    if not content:
        raise UploadRefused(UploadProblem.EMPTY, name)
    if len(content) > max_bytes:
        raise UploadRefused(UploadProblem.TOO_LARGE, name)
    kind = detect_type(content)
    if kind is None:
        raise UploadRefused(UploadProblem.WRONG_TYPE, name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = next(exts for _sig, k, exts in SIGNATURES if k == kind)
    if extension in EXTENSIONS and extension not in allowed:
        raise UploadRefused(UploadProblem.NAME_DISAGREES, name)
    return CheckedFile(content=content, content_type=kind, filename=name[:200])


def store_document(session: Session, *, folder: Path, application: Application,
                   requirement_code: str, checked: CheckedFile, uploaded_by: Account) -> Document:
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16)
    (folder / stored_name).write_bytes(checked.content)
    document = Document(
        application=application, requirement_code=requirement_code,
        original_filename=checked.filename, stored_name=stored_name,
        content_type=checked.content_type, size_bytes=len(checked.content),
        sha256=hashlib.sha256(checked.content).hexdigest(), uploaded_by_account_id=uploaded_by.id,
    )
    session.add(document)
    session.flush()
    return document


def current_documents(session: Session, application: Application) -> list[Document]:
    return list(session.scalars(
        select(Document).where(Document.application_id == application.id,
                               Document.removed_at.is_(None)).order_by(Document.id)
    ))


def remove_document(document: Document) -> None:
    """Marked removed (the file stays for the audit trail until the retention job deletes it)."""
    document.removed_at = datetime.now(UTC)
