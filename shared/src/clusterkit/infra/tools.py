"""Programs the platform and its checks need that no Python package ships: kustomize
(deploy checks), Mailpit (the local mail server), Jaeger (the local trace viewer), the
AsyncAPI CLI (contract checks) and Chromium (the dashboard's browser tests).

kustomize, Mailpit and Jaeger are built once with the Go toolchain (from the Go module
proxy, at pinned versions) and the AsyncAPI CLI installed once by ``npm install`` (from the
npm registry, pinned), all into the same cache as Kafka's jars (``$COPPER_CACHE`` or
``~/.cache/copper-cluster``), so a fresh CI machine needs only Go and Node.js with npm.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from clusterkit.infra.debian import debian_program
from clusterkit.infra.kafka import cache_dir

KUSTOMIZE_VERSION = "v5.5.0"
KUSTOMIZE_MODULE = "sigs.k8s.io/kustomize/kustomize/v5"
# Where the Go toolchain is installed on the project's machines when it is not on PATH.
GO_FALLBACK = Path("/usr/local/go/bin/go")
MAILPIT_VERSION = "v1.33.1"
MAILPIT_MODULE = "github.com/axllent/mailpit"
JAEGER_VERSION = "v1.76.0"
JAEGER_MODULE = "github.com/jaegertracing/jaeger"
JAEGER_PACKAGE = "github.com/jaegertracing/jaeger/cmd/jaeger"
ASYNCAPI_CLI_VERSION = "6.2.0"
# The browser tests drive the system's Chromium (Debian's package), never a browser build
# downloaded by Playwright.
CHROMIUM = "chromium"


def ensure_kustomize(version: str = KUSTOMIZE_VERSION) -> Path:
    """Build kustomize once; return the binary's path."""
    return go_program(KUSTOMIZE_MODULE, version, "kustomize")


def ensure_mailpit(version: str = MAILPIT_VERSION) -> Path:
    """Build Mailpit (the local mail server: SMTP in, a web UI and an API to read what
    arrived) once; return the binary's path."""
    return go_program(MAILPIT_MODULE, version, "mailpit")


def ensure_jaeger(version: str = JAEGER_VERSION) -> Path:
    """Build Jaeger (the local trace viewer: OTLP in, a UI and a query API) once; return the
    binary's path. Its module has ``replace`` directives, which ``go install module@version``
    refuses, so it is built as a tool of a throwaway module (:func:`go_tool_program`)."""
    return go_tool_program(JAEGER_MODULE, version, "jaeger", JAEGER_PACKAGE)


def _go() -> str:
    go = shutil.which("go") or (str(GO_FALLBACK) if GO_FALLBACK.exists() else None)
    if go is None:
        raise RuntimeError("Go programs are built with the Go toolchain: put go on PATH")
    return go


def _run_go(argv: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        argv,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        check=False,
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(argv[1:])} failed:\n{result.stderr[-3000:]}")


def _built_once(name: str, version: str, build: Callable[[str, Path], None]) -> Path:
    """The cached ``<cache>/<name>-<version>/<name>``, made by ``build(go, folder)`` (which
    leaves the binary as ``folder/<name>``) the first time."""
    binary = cache_dir() / f"{name}-{version}" / name
    if binary.exists():
        return binary
    go = _go()
    binary.parent.parent.mkdir(parents=True, exist_ok=True)
    # Built into a folder of its own and renamed into place, so an interrupted build is
    # never taken for a finished one (and two concurrent builds do not clash).
    partial = Path(tempfile.mkdtemp(prefix=f"{name}-partial-", dir=binary.parent.parent))
    try:
        build(go, partial)
        if not (partial / name).exists():
            raise RuntimeError(f"building {name} {version} left no binary")
        try:
            partial.rename(binary.parent)
        except OSError:
            if not binary.exists():
                raise  # not a concurrent build that finished first
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return binary


def go_program(module: str, version: str, name: str) -> Path:
    """``go install module@version`` once into the cache; return the binary's path."""

    def install(go: str, folder: Path) -> None:
        # cwd: outside any Go module or workspace of the caller.
        _run_go([go, "install", f"{module}@{version}"], cwd=folder, env={"GOBIN": str(folder)})

    return _built_once(name, version, install)


def go_tool_program(module: str, version: str, name: str, package: str) -> Path:
    """Build ``package`` of ``module@version`` once into the cache, for a module whose
    go.mod has ``replace`` directives (``go install module@version`` refuses those): a
    throwaway module takes it as a tool (``go get -tool``, which resolves the module's own
    requirements) and ``go build`` makes the binary. Same cache layout as
    :func:`go_program`; return the binary's path."""

    def build(go: str, folder: Path) -> None:
        work = folder / "module"
        work.mkdir()
        _run_go([go, "mod", "init", f"copperbuild/{name}"], cwd=work)
        _run_go([go, "get", "-tool", f"{package}@{version}"], cwd=work)
        _run_go([go, "build", "-o", str(folder / name), package], cwd=work)
        shutil.rmtree(work)  # the cache folder keeps the binary only

    return _built_once(name, version, build)


def ensure_asyncapi_cli(version: str = ASYNCAPI_CLI_VERSION) -> Path:
    """Install ``@asyncapi/cli`` once; return the path of an ``asyncapi`` launcher that runs
    it with its analytics and its update check off."""
    prefix = cache_dir() / f"asyncapi-cli-{version}"
    launcher = prefix / "asyncapi"
    if launcher.exists():
        return launcher
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError("the AsyncAPI CLI is installed with npm: put Node.js and npm on PATH")
    prefix.parent.mkdir(parents=True, exist_ok=True)
    # As for kustomize: installed into a folder of its own, then renamed into place (npm's
    # .bin links and the launcher are relative, so the installation survives the rename).
    partial = Path(tempfile.mkdtemp(prefix="asyncapi-cli-partial-", dir=prefix.parent))
    try:
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(partial),
                "--no-audit",
                "--no-fund",
                f"@asyncapi/cli@{version}",
            ],
            check=False,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not (partial / "node_modules" / ".bin" / "asyncapi").exists():
            raise RuntimeError(
                f"npm install @asyncapi/cli@{version} failed:\n{result.stderr[-3000:]}"
            )
        # Without this file the CLI creates ~/.asyncapi-analytics with analytics on and sends
        # every command to New Relic; the check for a newer version asks the npm registry.
        (partial / "analytics.json").write_text(
            '{"analyticsEnabled": "false", "infoMessageShown": "true", "userID": "ci"}\n'
        )
        (partial / "asyncapi").write_text(ASYNCAPI_LAUNCHER)
        (partial / "asyncapi").chmod(0o755)
        try:
            partial.rename(prefix)
        except OSError:
            if not launcher.exists():
                raise  # not a concurrent installation that finished first
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return launcher


ASYNCAPI_LAUNCHER = """#!/bin/sh
here="$(dirname "$0")"
export ASYNCAPI_METRICS_CONFIG_PATH="$here/analytics.json"
export ASYNCAPI_SKIP_NEW_VERSION_CHECK=true
export SUPPRESS_NO_CONFIG_WARNING=true
exec "$here/node_modules/.bin/asyncapi" "$@"
"""


def ensure_chromium() -> Path:
    """Debian's Chromium (installed when missing); its path."""
    # Its recommended packages (fonts among them) are what pages are rendered with.
    return debian_program(CHROMIUM, needed_for="the browser tests need Chromium", recommends=True)
