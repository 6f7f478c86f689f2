"""``GET /api/v1/codes`` and ``GET /api/v1/codes/{list}``: public, answered by the gateway
itself from :data:`clusterkit.codes.CODE_LISTS` (no upstream call), in the language
``Accept-Language`` asks for (English when it asks for none we speak)."""

from __future__ import annotations

from starlette.responses import Response

from clusterkit.app import answer
from clusterkit.codes import CODE_LISTS
from clusterkit.errors import NotFound
from clusterkit.i18n import N_, Locale
from clusterkit.problems import problem_responses
from clusterkit.routing import Router
from gateway.codes.schemas import CodeList, CodeListEntry, CodeLists, CodeName

PATH = "/api/v1/codes"
# Names change only with a release; an answer differs by language only.
CACHING = {"Cache-Control": "public, max-age=3600", "Vary": "Accept-Language"}

router = Router(prefix=PATH, tags=["codes"])


@router.get(
    "",
    response_model=CodeLists,
    summary="The code lists there are",
    description="Every code list's name, what it is, and where it is.",
)
async def code_lists() -> Response:
    entries = [
        CodeListEntry(list=c.name, description=c.description, href=f"{PATH}/{c.name}")
        for c in CODE_LISTS.values()
    ]
    return answer(CodeLists(items=entries), headers=CACHING)


@router.get(
    "/{name}",
    response_model=CodeList,
    summary="A code list with its names",
    description=(
        "Each code of the list with its name in the language `Accept-Language` asks for "
        "(`uz`, `ru`, `en`; q-values; `uz-Latn`, `ru-RU` are `uz`, `ru`; any other: `en`), "
        "said in `Content-Language`. Lists: " + ", ".join(f"`{name}`" for name in CODE_LISTS) + "."
    ),
    responses=problem_responses({404: "No code list with this name"}),
)
async def code_list(name: str, language: Locale) -> Response:
    found = CODE_LISTS.get(name)
    if found is None:
        raise NotFound("code list", N_("No code list with this name."), lists=list(CODE_LISTS))
    body = CodeList(
        list=name,
        language=language,
        items=[CodeName(**item) for item in found.items(language)],
    )
    return answer(body, headers={**CACHING, "Content-Language": language})
