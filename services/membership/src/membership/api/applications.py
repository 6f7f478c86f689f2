"""``/api/v1/membership/applications``: companies apply to join the cluster."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, status
from pydantic import BaseModel, ConfigDict, Field

from clusterkit.app import SessionDep, UnitOfWorkDep
from clusterkit.auth import require_role
from clusterkit.problems import Problem
from membership import service
from membership.domain import ApplicationStatus, Region, Sector, Unit

router = APIRouter(prefix="/api/v1/membership/applications", tags=["applications"])

Stir = Annotated[
    str,
    Field(pattern=r"^\d{9}$", description="STIR (INN): exactly 9 digits", examples=["305123456"]),
]


class Quantity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quantity: Decimal = Field(ge=0, max_digits=18, decimal_places=3)
    unit: Unit


class PlannedProduct(BaseModel):
    model_config = ConfigDict(extra="forbid")
    hs_code: str = Field(pattern=r"^\d{4}(\.?\d{2}){0,3}$", examples=["8544.49"])
    description: str = Field(min_length=1, max_length=500)
    annual_capacity: Quantity


class Contact(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=200)
    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)
    phone: str = Field(pattern=r"^\+?[0-9 ()-]{7,20}$")


class ApplicationSubmission(BaseModel):
    """What a company sends to apply for membership."""

    model_config = ConfigDict(extra="forbid")
    legal_name: str = Field(min_length=2, max_length=300)
    stir: Stir
    region: Region
    sectors: list[Sector] = Field(min_length=1, max_length=len(Sector))
    planned_products: list[PlannedProduct] = Field(default_factory=list, max_length=100)
    requested_cathode_tpy: Decimal = Field(ge=0, max_digits=14, decimal_places=3)
    contact: Contact
    proposal: str = Field(min_length=1, max_length=20_000)


class Application(BaseModel):
    id: UUID
    legal_name: str
    stir: str
    region: Region
    sectors: list[Sector]
    planned_products: list[PlannedProduct]
    requested_cathode_tpy: Decimal
    contact: Contact
    proposal: str
    status: ApplicationStatus
    submitted_at: datetime
    updated_at: datetime
    version: int


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=Application,
    summary="Apply to join the cluster (anonymous callers allowed)",
)
async def submit_application(body: ApplicationSubmission, uow: UnitOfWorkDep) -> Application:
    submission = body.model_dump(mode="json")
    submission["sectors"] = sorted(set(submission["sectors"]))
    submission["requested_cathode_tpy"] = body.requested_cathode_tpy
    application = await service.submit_application(uow, submission=submission)
    await uow.commit()
    return Application.model_validate(application)


@router.get(
    "/{application_id}",
    response_model=Application,
    dependencies=[require_role("admin")],
    summary="One application (admin)",
)
async def get_application(application_id: UUID, session: SessionDep) -> Application:
    application = await service.get_application(session, application_id)
    if application is None:
        raise Problem(404, "No application with this id.", code="not-found")
    return Application.model_validate(application)
