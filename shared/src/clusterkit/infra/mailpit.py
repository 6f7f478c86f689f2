"""A private Mailpit (built once from the Go module proxy) in a state folder: the mail
server of ``./dev`` and the tests. It takes SMTP on one loopback port and shows what
arrived in a web UI and an API (``/api/v1/messages``) on another."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from clusterkit.infra.process import LocalServer, answers_ok, port_open
from clusterkit.infra.tools import ensure_mailpit


class MailServer(LocalServer):
    name, what = "mailpit", "Mailpit"

    def __init__(self, state_dir: Path, smtp_port: int, ui_port: int):
        super().__init__(state_dir)
        self.smtp_port = smtp_port
        self.ui_port = ui_port

    @property
    def url(self) -> str:
        """The web UI (and the API under ``/api/v1``)."""
        return f"http://127.0.0.1:{self.ui_port}"

    def running(self) -> bool:
        return self.pid is not None and port_open(self.smtp_port)

    def start(self, *, timeout: float = 30.0) -> None:
        if self.running():
            return
        binary = ensure_mailpit()
        argv = [
            str(binary),
            "--smtp",
            f"127.0.0.1:{self.smtp_port}",
            "--listen",
            f"127.0.0.1:{self.ui_port}",
            # Mail kept in the state folder (survives a restart of the server), no TLS on
            # loopback, and no check for a newer version (the network is closed).
            "--database",
            str(self.state_dir / "mailpit.db"),
            "--smtp-auth-accept-any",
            "--smtp-auth-allow-insecure",
            "--disable-version-check",
        ]

        def ready() -> bool:
            return port_open(self.smtp_port) and answers_ok(f"{self.url}/livez")

        self.launch(argv, ready, timeout=timeout)

    def _api(self, path: str, method: str = "GET") -> object:
        url = f"{self.url}/api/v1/{path}"
        request = urllib.request.Request(url, method=method)  # noqa: S310 (loopback)
        with urllib.request.urlopen(request, timeout=5) as answer:  # noqa: S310 (loopback)
            body = answer.read()
        # DELETE answers a plain "ok"; the reads answer JSON.
        return json.loads(body) if body.startswith((b"{", b"[")) else None

    def messages(self) -> list[dict[str, Any]]:
        """Every message that arrived, oldest first, each with ``Text``, ``HTML``, ``To``,
        ``Subject`` and its ``Headers`` (Mailpit's API)."""
        listed = self._api("messages?limit=1000")
        assert isinstance(listed, dict)
        found = []
        for summary in reversed(listed["messages"]):
            message = self._api(f"message/{summary['ID']}")
            assert isinstance(message, dict)
            message["Headers"] = self._api(f"message/{summary['ID']}/headers")
            found.append(message)
        return found

    def clear(self) -> None:
        self._api("messages", method="DELETE")

    def recipients(self) -> list[tuple[str, str]]:
        """``(address, subject)`` of every message that arrived (summaries only, paged: for
        counting thousands)."""
        found: list[tuple[str, str]] = []
        while True:
            page = self._api(f"messages?start={len(found)}&limit=500")
            assert isinstance(page, dict)
            summaries = page["messages"]
            for summary in summaries:
                for to in summary["To"]:
                    found.append((to["Address"], summary["Subject"]))
            if not summaries or len(found) >= page["messages_count"]:
                return found
