"""A document as answered (:class:`clusterkit.documents.Document`), and an application's
documents."""

from __future__ import annotations

from pydantic import BaseModel

from clusterkit.documents import Document

__all__ = ["Document", "Documents"]


class Documents(BaseModel):
    items: list[Document]
    next_cursor: None = None
