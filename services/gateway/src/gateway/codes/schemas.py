"""What the code lists answer."""

from __future__ import annotations

import builtins

from pydantic import BaseModel, ConfigDict, Field


class CodeName(BaseModel):
    code: str = Field(description="The code, as every API and event carries it.")
    name: str = Field(description="What people call it, in the answer's language.")


class CodeList(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "list": "regions",
                    "language": "uz",
                    "items": [{"code": "UZ-TK", "name": "Toshkent shahri"}],
                }
            ]
        }
    )

    list: str = Field(description="The list's name, as in the path.")
    language: str = Field(description="The names' language: uz, ru or en (Content-Language).")
    items: builtins.list[CodeName] = Field(description="Every code of the list, in order.")


class CodeListEntry(BaseModel):
    list: str
    description: str
    href: str


class CodeLists(BaseModel):
    items: list[CodeListEntry]
