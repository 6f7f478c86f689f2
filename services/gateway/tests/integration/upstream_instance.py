"""One instance of a stand-in service, as its own process (``python upstream_instance.py
PORT NAME``), for the gateway's tests of several instances: it answers who it is and counts
the calls per path (``GET /hits``); ``?slow=NAME&sleep=S`` makes instance NAME take S s."""

from __future__ import annotations

import asyncio
import sys
from collections import Counter

from aiohttp import web

PORT, NAME = int(sys.argv[1]), sys.argv[2]
HITS: Counter[str] = Counter()


async def answer(request: web.Request) -> web.StreamResponse:
    if request.path == "/hits":
        return web.json_response(HITS)
    if request.path == "/readyz":
        return web.json_response({"status": "ready"})
    HITS[request.path] += 1
    if request.query.get("slow") == NAME:
        await asyncio.sleep(float(request.query.get("sleep", "2")))
    await request.read()
    return web.json_response(
        {
            "instance": NAME,
            "method": request.method,
            "path": request.path_qs,
            "forwarded_for": request.headers.get("x-forwarded-for"),
        }
    )


if __name__ == "__main__":
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", answer)
    web.run_app(app, host="127.0.0.1", port=PORT, print=None, access_log=None)
