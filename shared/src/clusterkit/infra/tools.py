"""Command-line tools the deploy checks need that no Python package ships: kustomize.

kustomize is built once by ``go install`` (from the Go module proxy, at a pinned version)
into the same cache as Kafka's jars (``$COPPER_CACHE`` or ``~/.cache/copper-cluster``), so
a fresh CI machine needs only the Go toolchain.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from clusterkit.infra.kafka import cache_dir

KUSTOMIZE_VERSION = "v5.5.0"
KUSTOMIZE_MODULE = "sigs.k8s.io/kustomize/kustomize/v5"
# Where the Go toolchain is installed on the project's machines when it is not on PATH.
GO_FALLBACK = Path("/usr/local/go/bin/go")


def ensure_kustomize(version: str = KUSTOMIZE_VERSION) -> Path:
    """Build kustomize once; return the binary's path."""
    binary = cache_dir() / f"kustomize-{version}" / "kustomize"
    if binary.exists():
        return binary
    go = shutil.which("go") or (str(GO_FALLBACK) if GO_FALLBACK.exists() else None)
    if go is None:
        raise RuntimeError("kustomize is built with the Go toolchain: put go on PATH")
    binary.parent.parent.mkdir(parents=True, exist_ok=True)
    # Built into a folder of its own and renamed into place, so an interrupted build is
    # never taken for a finished one (and two concurrent builds do not clash).
    partial = Path(tempfile.mkdtemp(prefix="kustomize-partial-", dir=binary.parent.parent))
    try:
        result = subprocess.run(
            [go, "install", f"{KUSTOMIZE_MODULE}@{version}"],
            env={**os.environ, "GOBIN": str(partial)},
            cwd=partial,  # outside any Go module or workspace of the caller
            check=False,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or not (partial / "kustomize").exists():
            raise RuntimeError(
                f"go install {KUSTOMIZE_MODULE}@{version} failed:\n{result.stderr[-3000:]}"
            )
        try:
            partial.rename(binary.parent)
        except OSError:
            if not binary.exists():
                raise  # not a concurrent build that finished first
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return binary
