"""The README's "Try it" block runs as written on a platform with the demo data loaded (as a
fresh ``./dev up`` leaves it): every command answers 2xx, and the application it submits is
a new one (201), not a demo member's STIR (409)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import httpx

from devstack import Stack

README = Path(__file__).parents[2] / "README.md"
DEFAULT_GATEWAY = "http://127.0.0.1:8000"


def try_it_commands() -> list[list[str]]:
    """The curl commands of the README's "Try it" block, as argument lists."""
    section = README.read_text().split("## Try it", 1)[1]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, 'the README has a "Try it" block'
    words = shlex.split(block.group(1).replace("\\\n", " "), comments=True)
    starts = [n for n, word in enumerate(words) if word == "curl"]
    return [words[start:end] for start, end in zip(starts, [*starts[1:], len(words)], strict=True)]


def request_of(argv: list[str], gateway: str, key: str) -> httpx.Request:
    method, headers, body, url = "GET", {}, None, None
    words = iter(argv[1:])
    for word in words:
        if word == "-X":
            method = next(words)
        elif word == "-H":
            name, value = next(words).split(":", 1)
            headers[name.strip()] = value.strip().replace("$KEY", key)
        elif word == "-d":
            body = next(words).encode()
            method = "POST" if method == "GET" else method
        elif word == "-s":
            continue
        else:
            url = word.replace(DEFAULT_GATEWAY, gateway)
    assert url, f"no URL in {argv}"
    return httpx.Request(method, url, headers=headers, content=body)


async def test_the_readme_try_it_block_runs_as_written(
    stack: Stack, admin_key: str, demo: None
) -> None:
    commands = try_it_commands()
    assert len(commands) >= 3
    gateway = stack.url("gateway")
    async with httpx.AsyncClient(timeout=15) as client:
        for argv in commands:
            answer = await client.send(request_of(argv, gateway, admin_key))
            assert answer.status_code < 300, f"{shlex.join(argv)[:80]}: {answer.text[:300]}"
            if answer.request.method == "POST":
                assert answer.status_code == 201, answer.text
