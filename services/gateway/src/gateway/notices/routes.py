"""``/api/v1/notices``: the dead letters an admin reads (and sends again), and the signed
opt-out link each notice carries (GET shows what it does; POST does it, as RFC 8058's
one-click unsubscribe posts it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import HTMLResponse
from starlette.responses import Response

from clusterkit.app import ReadDep, WriteDep, answer, settings_of
from clusterkit.auth import require_role
from clusterkit.errors import NotFound
from clusterkit.i18n import N_
from clusterkit.listing import PageDep
from clusterkit.pagination import Page
from clusterkit.routing import Router
from gateway.notices import queries, service
from gateway.notices.schemas import DeadLetter, OptedOut
from gateway.settings import GatewaySettings

router = Router(prefix="/api/v1/notices", tags=["notices"])

Email = Annotated[str, Query(min_length=3, max_length=254)]
Kind = Annotated[str, Query(min_length=1, max_length=64)]
Signature = Annotated[str, Query(min_length=64, max_length=64)]


@router.get(
    "/dead-letters",
    response_model=Page[DeadLetter],
    dependencies=[require_role("admin")],
    summary="Notices that could not be sent (admin), newest first",
)
async def dead_letters(read: ReadDep, page: PageDep) -> Response:
    return await queries.DEAD_LETTERS.page(read, page)


@router.post(
    "/{notice_id}/send-again",
    status_code=202,
    dependencies=[require_role("admin")],
    summary="Queue a dead letter again (admin)",
)
async def send_again(notice_id: int, write: WriteDep) -> Response:
    if not await write(service.send_again, notice_id=notice_id):
        raise NotFound("dead letter", N_("No dead letter with this id."))
    return Response(status_code=202)


def _secret(request: Request) -> str:
    return settings_of(request, GatewaySettings).internal_token_secret.get_secret_value()


@router.get("/opt-out", response_class=HTMLResponse, summary="What the opt-out link does")
async def opt_out_page(
    request: Request, email: Email, kind: Kind, signature: Signature
) -> HTMLResponse:
    service.ensure_signed(_secret(request), email, kind, signature)
    # A GET changes nothing (mail scanners follow links): the button posts.
    return HTMLResponse(
        "<!doctype html><meta charset=utf-8><title>Opt out</title>"
        f"<form method=post><p>Stop notices of this kind ({kind}) to this address?</p>"
        "<button>Stop them</button></form>"
    )


@router.post("/opt-out", response_model=OptedOut, summary="Opt out of a kind of notice")
async def opt_out(
    request: Request, write: WriteDep, email: Email, kind: Kind, signature: Signature
) -> Response:
    service.ensure_signed(_secret(request), email, kind, signature)
    await write(service.opt_out, email=email, kind=kind)
    return answer(OptedOut(email=email.lower(), kind=kind))
