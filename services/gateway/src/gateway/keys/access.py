"""Only admins issue, list and revoke API keys (the first admin key comes from the CLI)."""

from __future__ import annotations

from typing import Annotated

from clusterkit.auth import Caller, require_role

KeyAdminDep = Annotated[Caller, require_role("admin")]
