"""Who reads the feed: any API key; what each one sees is ``rules.readable_by``."""

from __future__ import annotations

from typing import Annotated

from clusterkit.auth import Caller, require_role

FeedReaderDep = Annotated[Caller, require_role("admin", "procurement", "member", "supplier")]
