"""Request fields several features take: the strict body base, reasons and notes,
quantities, prices and HS codes."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from clusterkit.codes import HsCode

Reason = Annotated[str, Field(min_length=1, max_length=2000)]
Note = Annotated[str | None, Field(max_length=2000)]
PositiveQuantity = Annotated[Decimal, Field(gt=0, max_digits=18, decimal_places=3)]
Price = Annotated[Decimal, Field(gt=0, max_digits=20, decimal_places=2)]
# Stored as digits only, so a search by HS prefix finds "2825.10" and "282510" alike.
Hs = Annotated[HsCode, AfterValidator(lambda code: code.replace(".", ""))]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StatusReason(Strict):
    reason: Note = None


class RequiredReason(Strict):
    reason: Reason
