"""Listing, changing and delisting catalogue items, each with its event."""

from __future__ import annotations

import uuid
from datetime import datetime

from clusterkit.conditional import IfMatch
from clusterkit.errors import NotFound
from clusterkit.i18n import N_
from clusterkit.sql import SQL, Row
from clusterkit.unit_of_work import UnitOfWork
from supply.domain import Money
from supply.events import contracts
from supply.items import access, events, queries, rules
from supply.items.schemas import ItemChange, ItemListing
from supply.parties import supplier_party
from supply.suppliers.access import acting_for, ensure_trades


def _item_changed(item: Row, supplier: Row, at: datetime) -> events.ItemChanged:
    """The item row as the event tells it; ``supplier``: a row with the supplier's columns as
    ``supplier_*``."""
    return events.ItemChanged.model_validate(
        {
            **item,
            "item_id": item["id"],
            "supplier": supplier_party(supplier, prefix="supplier_"),
            "unit_price": Money(amount=item["unit_price"], currency=item["currency"]),
            "occurred_at": at,
        }
    )


async def list_item(uow: UnitOfWork, *, listing: ItemListing) -> Row:
    """A verified supplier's new item, in one statement with the supplier check."""
    supplier_id = acting_for(uow.caller, listing.supplier_id)
    row = await uow.one(
        queries.LIST_ITEM,
        id=uuid.uuid4(),
        supplier_id=supplier_id,
        **listing.model_dump(exclude={"supplier_id", "unit_price"}),
        unit_price=listing.unit_price.amount,
        currency=listing.unit_price.currency.value,
    )
    if row is None:
        raise NotFound("supplier", N_("No supplier with this id."))
    if row["id"] is None:
        ensure_trades(row["supplier_status"])
    uow.knows_now(row["created_at"])
    uow.publish(contracts.event(events.ITEM_LISTED, _item_changed(row, row, row["created_at"])))
    return row


async def item(sql: SQL, item_id: uuid.UUID) -> Row:
    return await sql.found(
        queries.ITEM, "catalogue item", N_("No catalogue item with this id."), id=item_id
    )


async def _kept_item(uow: UnitOfWork, item_id: uuid.UUID) -> Row:
    """The item, locked, if the caller keeps it."""
    row = await uow.found(
        queries.KEPT_ITEM, "catalogue item", N_("No catalogue item with this id."), id=item_id
    )
    access.ensure_keeps(uow.caller, row)
    return row


async def change_item(
    uow: UnitOfWork, *, item_id: uuid.UUID, if_match: IfMatch, change: ItemChange
) -> Row:
    """Change an item; a new price is its own event (``price_changed``), the rest
    ``updated``."""
    requested = rules.requested_changes(change.model_dump(exclude_unset=True))
    item = await _kept_item(uow, item_id)
    if_match.check(item["version"])
    rules.ensure_listed(item["status"], N_("A delisted item does not change."))
    changed = rules.changed(item, requested)
    if not changed:
        return item
    updated = await uow.one(queries.CHANGE, id=item_id, **changed)
    assert updated is not None
    now = updated["updated_at"]
    uow.knows_now(now)
    if changed.keys() & rules.PRICE:
        price_changed = events.ItemPriceChanged(
            item_id=item_id,
            supplier_id=item["supplier_id"],
            unit=updated["unit"],
            unit_price=Money(amount=updated["unit_price"], currency=updated["currency"]),
            previous_unit_price=Money(amount=item["unit_price"], currency=item["currency"]),
            version=updated["version"],
            occurred_at=now,
        )
        uow.publish(contracts.event(events.ITEM_PRICE_CHANGED, price_changed))
    if changed.keys() - rules.PRICE:
        uow.publish(contracts.event(events.ITEM_UPDATED, _item_changed(updated, item, now)))
    return updated


async def delist_item(uow: UnitOfWork, *, item_id: uuid.UUID) -> Row:
    item = await _kept_item(uow, item_id)
    rules.ensure_listed(item["status"], N_("The item is already delisted."))
    delisted = await uow.one(queries.DELIST, id=item_id)
    assert delisted is not None
    uow.knows_now(delisted["updated_at"])
    uow.publish(
        contracts.event(events.ITEM_DELISTED, _item_changed(delisted, item, delisted["updated_at"]))
    )
    return delisted
