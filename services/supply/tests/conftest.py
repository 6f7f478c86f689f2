from __future__ import annotations

from typing import Any

import httpx
import pytest

from clusterkit.database import Database
from clusterkit.testing import outbox_events, service_fixtures
from supply.events import contracts
from supply.main import create_app
from supply.settings import SupplySettings
from supply.tables import outbox

from .integration.market import Headers, Market

SUPPLIER_LIFECYCLE = "uz.coppercluster.supply.supplier."
db, client, as_role = service_fixtures("supply", create_app, SupplySettings)


@pytest.fixture
def market(client: httpx.AsyncClient, as_role: Headers, db: Database) -> Market:
    return Market(client, as_role, db)


async def published(
    db: Database, *, lifecycle: bool = True
) -> list[tuple[str, str, dict[str, Any]]]:
    """Events in the outbox as (type, subject, data), each checked against its schema;
    ``lifecycle=False`` leaves out the supplier lifecycle events a test's setup makes."""
    events = await outbox_events(db, outbox, contracts)
    return [e for e in events if lifecycle or not e[0].startswith(SUPPLIER_LIFECYCLE)]
