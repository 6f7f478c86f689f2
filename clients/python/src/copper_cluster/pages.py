"""Every item of a list, across its cursor pages: the platform's lists answer
``{"items": [...], "next_cursor": ...}`` and take ``cursor=`` for the next page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from typing import Protocol, TypeVar

from copper_cluster_client.models.problem import Problem
from copper_cluster_client.types import Unset

T = TypeVar("T", covariant=True)
Item = TypeVar("Item")


class Page(Protocol[T]):
    @property
    def items(self) -> Sequence[T]: ...

    @property
    def next_cursor(self) -> str | Unset | None: ...


class ApiError(Exception):
    """An answer that is not the one asked for: the problem (RFC 9457) when there is one."""

    def __init__(self, problem: Problem | None):
        self.problem = problem
        if problem is None:
            super().__init__("the service answered an undocumented status")
        else:
            super().__init__(f"{problem.status} {problem.title}: {problem.detail}")


def _page(answer: Page[Item] | Problem | None) -> Page[Item]:
    if answer is None or isinstance(answer, Problem):
        raise ApiError(answer)
    return answer


def _next(page: Page[object]) -> str | None:
    return page.next_cursor if isinstance(page.next_cursor, str) else None


def items(fetch: Callable[[str | None], Page[Item] | Problem | None]) -> Iterator[Item]:
    """``fetch(cursor)`` gets one page (``None``: the first), usually a generated ``sync``::

    items(lambda cursor: list_members.sync(client=cluster.client, cursor=cursor))
    """
    cursor: str | None = None
    while True:
        page = _page(fetch(cursor))
        yield from page.items
        cursor = _next(page)
        if cursor is None:
            return


async def aitems(
    fetch: Callable[[str | None], Awaitable[Page[Item] | Problem | None]],
) -> AsyncIterator[Item]:
    """:func:`items` for the generated ``asyncio`` functions."""
    cursor: str | None = None
    while True:
        page = _page(await fetch(cursor))
        for item in page.items:
            yield item
        cursor = _next(page)
        if cursor is None:
            return
