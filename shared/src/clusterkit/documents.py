"""Documents attached to a service's records: an application's business plan, a supplier's
certificate, a request's specification, an offer's quotation.

What a document is (owner, kind, name, type, size, SHA-256) lives in the service's schema,
table ``documents``; its bytes live in a :class:`DocumentStore`. The default store keeps
them in Postgres (table ``document_contents``, read back in slices so a download never
holds the whole file); an S3-compatible store plugs in behind the same two methods.

An upload is taken as the client sends it (multipart ``file`` and ``kind``), counted
against the size limit while it is read, and its type is sniffed from its first bytes:
what the client claims must be what the content is, executables are never taken, and a
kind takes only the types it allows.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any, Protocol
from urllib.parse import quote
from uuid import UUID, uuid4

from pydantic import BaseModel, Field
from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    Uuid,
    bindparam,
    func,
    insert,
    select,
)
from sqlalchemy.dialects.postgresql import JSONB
from starlette.datastructures import UploadFile
from starlette.responses import StreamingResponse

from clusterkit.errors import InvalidFields, TooLarge, Unsupported
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Query, parameters

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a client may send in place of a type: "I do not know", the content says.
UNDECLARED = frozenset({"", "application/octet-stream", "binary/octet-stream"})
# The first bytes of programs: never stored, whatever they claim to be.
EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"#!",
    b"\xfe\xed\xfa",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
CHUNK = 1024 * 1024


def sniff(head: bytes, file: IO[bytes]) -> str | None:
    """The type the content is (None: none the platform takes, or a program)."""
    if head.startswith(EXECUTABLE_MAGIC):
        return None
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        file.seek(0)
        try:
            names = zipfile.ZipFile(file).namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            if any(name.startswith("word/") for name in names):
                return DOCX
            if any(name.startswith("xl/") for name in names):
                return XLSX
    return None


@dataclass(frozen=True)
class Received:
    """An upload read, counted and checked: what is stored of it."""

    kind: str
    filename: str
    content_type: str
    size: int
    sha256: str
    content: bytes


async def receive(
    upload: UploadFile | None,
    kind: str | None,
    *,
    allowed: Mapping[str, frozenset[str]],
    max_bytes: int,
) -> Received:
    """Read ``upload`` (the multipart ``file``) as ``kind``: 422 when a part is missing or
    the kind unknown, 413 past ``max_bytes``, 415 when the content is not what it claims,
    is a program, or is a type the kind does not take."""
    if upload is None:
        raise InvalidFields(("file", N_("Attach the document as the multipart part 'file'.")))
    if kind is None or kind not in allowed:
        kinds = ", ".join(sorted(allowed))
        raise InvalidFields(("kind", N_("The kind is one of: {kinds}."), {"kinds": kinds}))
    digest, size, parts = hashlib.sha256(), 0, []
    while chunk := await upload.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            most = max_bytes // (1024 * 1024)
            raise TooLarge(N_("A document is at most {megabytes} MB."), params={"megabytes": most})
        digest.update(chunk)
        parts.append(chunk)
    if size == 0:
        raise InvalidFields(("file", N_("The file is empty.")))
    content = b"".join(parts)
    sniffed = sniff(content[:16], upload.file)
    claimed = (upload.content_type or "").split(";")[0].strip().lower()
    if sniffed is None:
        raise Unsupported(N_("The file is not a PDF, PNG, JPEG, DOCX or XLSX document."))
    if claimed not in UNDECLARED and claimed != sniffed:
        raise Unsupported(
            N_("The file says it is {claimed} but its content is {sniffed}."),
            params={"claimed": claimed, "sniffed": sniffed},
        )
    if sniffed not in allowed[kind]:
        raise Unsupported(
            N_("A {kind} is one of: {types}."),
            params={"kind": kind, "types": ", ".join(sorted(allowed[kind]))},
        )
    return Received(
        kind=kind,
        filename=(upload.filename or "document")[-200:],
        content_type=sniffed,
        size=size,
        sha256=digest.hexdigest(),
        content=content,
    )


def document_tables(metadata: MetaData) -> tuple[Table, Table]:
    """A service's ``documents`` (what each is, whose) and ``document_contents`` (the
    bytes, for the Postgres store)."""
    documents = Table(
        "documents",
        metadata,
        Column("id", Uuid, primary_key=True),
        Column("owner", Text, nullable=False),  # what it is attached to: "application", ...
        Column("owner_id", Uuid, nullable=False),
        Column("kind", Text, nullable=False),
        Column("filename", Text, nullable=False),
        Column("content_type", Text, nullable=False),
        Column("size", BigInteger, nullable=False),
        Column("sha256", Text, nullable=False),
        # What a kind records beside the file (a certificate's number, dates, local share).
        Column("details", JSONB, nullable=False, server_default="{}"),
        Column("uploaded_at", DateTime(timezone=True), nullable=False),
        Column("uploaded_by", Text, nullable=False),
    )
    Index(f"ix_{metadata.schema}_documents_owner", documents.c.owner, documents.c.owner_id)
    contents = Table(
        "document_contents",
        metadata,
        Column("document_id", Uuid, primary_key=True),
        Column("content", LargeBinary, nullable=False),
    )
    return documents, contents


class DocumentStore(Protocol):
    """Where a document's bytes are kept."""

    async def put(self, sql: SQL, document_id: UUID, content: bytes) -> None: ...

    def chunks(self, sql: SQL, document_id: UUID, size: int) -> AsyncIterator[bytes]: ...


class PostgresStore:
    """The bytes in the service's own schema, written in the unit of work that records the
    document (both or neither), read back a slice at a time."""

    def __init__(self, contents: Table):
        c = contents.c
        self._put = Query(
            insert(contents).values(**parameters(contents, ["document_id", "content"]))
        )
        self._slice = Query(
            select(
                func.substring(
                    c.content, bindparam("start", type_=Integer), bindparam("length", type_=Integer)
                )
            ).where(c.document_id == bindparam("document_id", type_=Uuid))
        )

    async def put(self, sql: SQL, document_id: UUID, content: bytes) -> None:
        await sql.execute(self._put, document_id=document_id, content=content)

    async def chunks(self, sql: SQL, document_id: UUID, size: int) -> AsyncIterator[bytes]:
        for start in range(1, size + 1, CHUNK):
            part: Any = await sql.value(
                self._slice, document_id=document_id, start=start, length=CHUNK
            )
            yield bytes(part)


ANSWER = ("id", "kind", "filename", "content_type", "size", "sha256", "details", "uploaded_at")


# A document as answered: what it is and whose, never its bytes (the fields of ANSWER). No
# docstring: it would become the OpenAPI schema's description.
class Document(BaseModel):
    id: UUID
    kind: str
    filename: str
    content_type: str = Field(description="As sniffed from the content, not as claimed.")
    size: int = Field(description="Bytes.")
    sha256: str = Field(description="Hex SHA-256 of the content.")
    details: dict[str, Any] = Field(default_factory=dict)
    uploaded_at: datetime


class Documents:
    """A service's documents: ``Documents(*document_tables(metadata))``. The feature that
    owns the record checks access; this records, lists and reads."""

    def __init__(self, documents: Table, contents: Table, store: DocumentStore | None = None):
        d = documents.c
        self.store: DocumentStore = store or PostgresStore(contents)
        answer = [d[name] for name in ANSWER]
        self._add = Query(
            insert(documents)
            .values(
                **parameters(
                    documents,
                    ["id", "owner", "owner_id", *ANSWER[1:-1], "uploaded_by"],
                ),
                uploaded_at=func.now(),
            )
            .returning(*answer)
        )
        owned = (
            d.owner == bindparam("owner", type_=Text),
            d.owner_id == bindparam("owner_id", type_=Uuid),
        )
        self._list = Query(select(*answer).where(*owned).order_by(d.uploaded_at, d.id))
        self._one = Query(
            select(*answer).where(*owned, d.id == bindparam("document_id", type_=Uuid))
        )

    async def attach(
        self,
        sql: SQL,
        *,
        owner: str,
        owner_id: UUID,
        received: Received,
        uploaded_by: str,
        details: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Record the document and store its bytes (in the caller's transaction)."""
        document_id = uuid4()
        row = await sql.one(
            self._add,
            id=document_id,
            owner=owner,
            owner_id=owner_id,
            kind=received.kind,
            filename=received.filename,
            content_type=received.content_type,
            size=received.size,
            sha256=received.sha256,
            details=dict(details or {}),
            uploaded_by=uploaded_by,
        )
        assert row is not None
        await self.store.put(sql, document_id, received.content)
        return dict(row)

    async def listed(self, sql: SQL, *, owner: str, owner_id: UUID) -> list[dict[str, Any]]:
        return [dict(row) for row in await sql.fetch(self._list, owner=owner, owner_id=owner_id)]

    async def one(
        self, sql: SQL, *, owner: str, owner_id: UUID, document_id: UUID
    ) -> dict[str, Any] | None:
        row = await sql.one(self._one, owner=owner, owner_id=owner_id, document_id=document_id)
        return None if row is None else dict(row)

    def download(self, sql: SQL, document: Mapping[str, Any]) -> StreamingResponse:
        """The answer to a download of ``document`` (a row :meth:`one` found): its bytes,
        streamed from the store, in the type it was sniffed as."""
        return StreamingResponse(
            self.store.chunks(sql, document["id"], document["size"]),
            media_type=document["content_type"],
            headers=_download_headers(document),
        )


def _download_headers(document: Mapping[str, Any]) -> dict[str, str]:
    """A download's headers: its length, name (RFC 6266, UTF-8 safe) and digest."""
    return {
        "Content-Length": str(document["size"]),
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(document['filename'])}",
        "ETag": f'"{document["sha256"]}"',
        "X-Content-Type-Options": "nosniff",
    }
