"""Uploaded documents: type decided from the content, stored outside static/ under random names."""

from __future__ import annotations

import enum
import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePath
from typing import IO, Generic, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain.models import Account, Application, Document

# Magic numbers of the types we accept; what a file is named never decides its type.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ("pdf",)),
    (b"\xff\xd8\xff", "image/jpeg", ("jpg", "jpeg")),
    (b"\x89PNG\r\n\x1a\n", "image/png", ("png",)),
)
EXTENSIONS = {ext for _sig, _type, exts in SIGNATURES for ext in exts}
_SIGNATURE_BYTES = max(len(signature) for signature, _type, _exts in SIGNATURES)
_COPY_CHUNK_BYTES = 64 * 1024


class UploadProblem(enum.StrEnum):
    EMPTY = "empty"
    TOO_LARGE = "too_large"
    WRONG_TYPE = "wrong_type"
    NAME_DISAGREES = "name_disagrees"  # named .pdf but is a PNG, say: probably the wrong file


Problem = TypeVar("Problem", bound=enum.StrEnum)


class UploadRefused(Exception, Generic[Problem]):
    """A file refused for what it is; `problem` says why, in the terms of its kind of file (a
    document here, a guide video in app/domain/files/media.py)."""

    def __init__(self, problem: Problem, filename: str) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.filename = filename


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks, still where the server spooled it: never read whole,
    so a hundred people sending files at the size limit hold kilobytes each, not megabytes."""

    stream: IO[bytes]
    size: int
    content_type: str
    filename: str


def uploaded_name(filename: str, fallback: str) -> str:
    """The file's own name: some browsers send the folders it was in (C:\\Users\\…)."""
    return PurePath(filename.replace("\\", "/")).name or fallback


def detect_type(content: bytes) -> str | None:
    return next((kind for signature, kind, _exts in SIGNATURES if content.startswith(signature)),
                None)


def display_name(filename: str, content_type: str) -> str:
    """A name that is safe to show and to download under: no folders, no control or invisible
    formatting characters (a right-to-left override can make "fdp.exe" read "exe.pdf"), at most
    100 characters, and always ending in the extension of the type the content really is."""
    name = PurePath(filename.replace("\\", "/")).name
    name = "".join(" " if unicodedata.category(char) in ("Cc", "Zl", "Zp") else char
                   for char in name if unicodedata.category(char) != "Cf")
    name = " ".join(name.split()).strip(". ") or "document"
    allowed = next((exts for _sig, kind, exts in SIGNATURES if kind == content_type), ("bin",))
    stem, _dot, extension = name.rpartition(".")
    if not stem or extension.lower() not in allowed:
        stem, extension = name, allowed[0]
    return f"{stem[:100 - len(extension) - 1]}.{extension}"


def check_upload(stream: IO[bytes], filename: str, *, max_bytes: int) -> CheckedFile:
    """Checks an upload by its size and first bytes; a file over the limit is never read."""
    name = uploaded_name(filename, "document")
    stream.seek(0, os.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    if size == 0:
        raise UploadRefused(UploadProblem.EMPTY, name)
    if size > max_bytes:
        raise UploadRefused(UploadProblem.TOO_LARGE, name)
    kind = detect_type(stream.read(_SIGNATURE_BYTES))
    stream.seek(0)
    if kind is None:
        raise UploadRefused(UploadProblem.WRONG_TYPE, name)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = next(exts for _sig, k, exts in SIGNATURES if k == kind)
    if extension in EXTENSIONS and extension not in allowed:
        raise UploadRefused(UploadProblem.NAME_DISAGREES, name)
    return CheckedFile(stream=stream, size=size, content_type=kind,
                       filename=display_name(name, kind))


def write_file(folder: Path, checked: CheckedFile) -> tuple[str, str]:
    """Copies a checked upload under a random name; returns the name and its SHA-256. Shared by
    an application's documents and a change report's (app.domain.benefits.entitlement_changes)."""
    folder.mkdir(parents=True, exist_ok=True)
    stored_name = secrets.token_hex(16)
    digest = hashlib.sha256()
    checked.stream.seek(0)
    with (folder / stored_name).open("wb") as target:  # copied in chunks, hashed on the way
        while chunk := checked.stream.read(_COPY_CHUNK_BYTES):
            digest.update(chunk)
            target.write(chunk)
    return stored_name, digest.hexdigest()


def store_document(session: Session, *, folder: Path, application: Application,
                   requirement_code: str, checked: CheckedFile, uploaded_by: Account) -> Document:
    stored_name, sha256 = write_file(folder, checked)
    document = Document(
        application=application, requirement_code=requirement_code,
        original_filename=checked.filename, stored_name=stored_name,
        content_type=checked.content_type, size_bytes=checked.size,
        sha256=sha256, uploaded_by_account_id=uploaded_by.id,
    )
    session.add(document)
    session.flush()
    return document


def current_documents(session: Session, application: Application) -> list[Document]:
    return list(session.scalars(
        select(Document).where(Document.application_id == application.id,
                               Document.removed_at.is_(None)).order_by(Document.id)
    ))


class NoRoom(Exception):
    """The files would take the application past its number of documents or its total size."""

    def __init__(self, *, too_many: bool, limit: int) -> None:
        super().__init__("too many" if too_many else "too large")
        self.too_many = too_many
        self.limit = limit  # the most files, or the most megabytes


def check_room(session: Session, application: Application, adding: list[CheckedFile], *,
               max_count: int, max_total_bytes: int) -> None:
    """Raises NoRoom when ``adding`` would take the application past its limits."""
    count, total = session.execute(
        select(func.count(Document.id), func.coalesce(func.sum(Document.size_bytes), 0))
        .where(Document.application_id == application.id, Document.removed_at.is_(None))
    ).one()
    if count + len(adding) > max_count:
        raise NoRoom(too_many=True, limit=max_count)
    if total + sum(item.size for item in adding) > max_total_bytes:
        raise NoRoom(too_many=False, limit=max_total_bytes // (1024 * 1024))


def added_after_sending(application: Application, document: Document) -> bool:
    """A file added once the application was sent: in answer to a request for more
    information (补正)."""
    if application.submitted_at is None:
        return False
    sent = application.submitted_at
    added = document.uploaded_at
    sent = sent if sent.tzinfo else sent.replace(tzinfo=UTC)
    added = added if added.tzinfo else added.replace(tzinfo=UTC)
    return added > sent


def remove_document(document: Document) -> None:
    """Marked removed; the row stays for the audit trail (who added what, its checksum), and
    the file itself is deleted with delete_file once the removal is committed."""
    document.removed_at = datetime.now(UTC)


def delete_file(folder: Path, document: Document) -> None:
    (folder / document.stored_name).unlink(missing_ok=True)
