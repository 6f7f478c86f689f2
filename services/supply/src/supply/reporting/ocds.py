"""Members' purchases as OCDS 1.1 (the Open Contracting Data Standard, schema 1.1.5), for
open-contracting tools: a request for quotation is one contracting process, released once
per stage it has reached (pure, no I/O; the rows come from :mod:`supply.reporting.queries`).

- ``tender``: the request as opened, its items, tender period and the suppliers that quoted;
- ``award``: the offer the member accepted, its supplier and value;
- ``contract``: the order and its status;
- ``implementation``: each delivery received, as a met milestone.

Each stage has one release, ``<ocid>-<stage>``, showing the stage as it stands (its ``date``
is the stage's last change). A record is a process's releases and its compiled release.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, tzinfo
from decimal import Decimal
from typing import Any

from supply.orders.rules import OrderStatus
from supply.requests.rules import RequestStatus

TENDER, AWARD, CONTRACT, IMPLEMENTATION = STAGES = (
    "tender",
    "award",
    "contract",
    "implementation",
)
TENDER_STATUS = {
    RequestStatus.OPEN: "active",
    RequestStatus.CLOSED: "complete",
    RequestStatus.CANCELLED: "cancelled",
}
CONTRACT_STATUS = {
    OrderStatus.PLACED: "pending",
    OrderStatus.CONFIRMED: "active",
    OrderStatus.SHIPPED: "active",
    OrderStatus.DELIVERED: "terminated",
    OrderStatus.CANCELLED: "cancelled",
}
UNITS = {
    "TNE": "tonne",
    "KGM": "kilogram",
    "LTR": "litre",
    "MTQ": "cubic metre",
    "MTR": "metre",
    "KMT": "kilometre",
    "H87": "piece",
    "SET": "set",
}
ORDER_STAMPS = ("placed_at", "confirmed_at", "shipped_at", "delivered_at", "cancelled_at")


@dataclass(frozen=True)
class Process:
    """A request for quotation with what became of it. ``request``: a row of
    ``queries.PROCESSES`` (the order's columns as ``order_*``, None without an order)."""

    request: Mapping[str, Any]
    tenderers: Sequence[Mapping[str, Any]] = ()
    lines: Sequence[Mapping[str, Any]] = ()  # the order's
    deliveries: Sequence[Mapping[str, Any]] = ()


def number(value: Decimal | str) -> int | float:
    """A quantity or an amount as a JSON number: a whole one as an integer (exact at any
    size), else the nearest float (exact to the cent below 10^13)."""
    value = Decimal(value)
    return int(value) if value == value.to_integral_value() else float(value)


def moment(day: date, tz: tzinfo) -> str:
    """A date as the date-time OCDS wants: its midnight in ``tz``."""
    return datetime.combine(day, time(), tz).isoformat()


def _organization(party_id: Any, name: str) -> dict[str, Any]:
    return {"id": str(party_id), "name": name}


def _party(party_id: Any, name: str, stir: str, roles: list[str]) -> dict[str, Any]:
    return {
        **_organization(party_id, name),
        "identifier": {"scheme": "UZ-STIR", "id": stir, "legalName": name},
        "roles": roles,
    }


def _unit(code: str) -> dict[str, Any]:
    return {"scheme": "UNCEFACT", "id": code, "name": UNITS.get(code, code)}


def _item(line: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": str(line["line_no"]),
        "description": line["description"],
        "classification": {"scheme": "HS", "id": line["hs_code"]},
        "quantity": number(line["quantity"]),
        "unit": _unit(line["unit"]),
    }


def _priced(line: Mapping[str, Any], currency: str) -> dict[str, Any]:
    item = _item(line)
    item["unit"]["value"] = {"amount": number(line["unit_price"]), "currency": currency}
    return item


class Releases:
    """The releases of one process, stage by stage."""

    def __init__(self, prefix: str, process: Process, tz: tzinfo):
        self.process = process
        self.request = process.request
        self.ocid = f"{prefix}-{self.request['id']}"
        self.tz = tz

    def stages(self) -> list[str]:
        has_order = self.request["order_id"] is not None
        return [
            TENDER,
            *([AWARD, CONTRACT] if has_order else []),
            *([IMPLEMENTATION] if self.process.deliveries else []),
        ]

    def all(self) -> list[dict[str, Any]]:
        return [self.release(stage) for stage in self.stages()]

    def release(self, stage: str) -> dict[str, Any]:
        stages = {
            TENDER: self._tender,
            AWARD: self._award,
            CONTRACT: self._contract,
            IMPLEMENTATION: self._implementation,
        }
        dated, body = stages[stage]()
        request = self.request
        return {
            "ocid": self.ocid,
            "id": f"{self.ocid}-{stage}",
            "date": dated.isoformat(),
            "tag": [stage],
            "initiationType": "tender",
            "language": "en",
            "parties": self._parties(stage),
            "buyer": _organization(request["member_id"], request["member_name"]),
            **body,
        }

    def _parties(self, stage: str) -> list[dict[str, Any]]:
        """Every party the stage knows, with each role it has had up to then (the compiled
        release keeps the last stage's list)."""
        request, contracted = self.request, stage in (CONTRACT, IMPLEMENTATION)
        member_roles = ["buyer", "procuringEntity", *(["payer"] if contracted else [])]
        parties = [
            _party(
                request["member_id"], request["member_name"], request["member_stir"], member_roles
            )
        ]
        for tenderer in self.process.tenderers:
            roles = ["tenderer"]
            if stage != TENDER and tenderer["id"] == request["supplier_id"]:
                roles += ["supplier", *(["payee"] if contracted else [])]
            parties.append(_party(tenderer["id"], tenderer["legal_name"], tenderer["stir"], roles))
        return parties

    def _tender(self) -> tuple[datetime, dict[str, Any]]:
        request = self.request
        period = {"startDate": request["created_at"].isoformat()}
        if request["status"] != RequestStatus.OPEN:
            period["endDate"] = request["updated_at"].isoformat()
        tender = {
            "id": str(request["id"]),
            "status": TENDER_STATUS[RequestStatus(request["status"])],
            "procuringEntity": _organization(request["member_id"], request["member_name"]),
            "items": [_item(line) for line in request["lines"]],
            "procurementMethod": "selective",
            "procurementMethodDetails": "Request for quotation to the verified suppliers of "
            "the categories asked for",
            "mainProcurementCategory": "goods",
            "tenderPeriod": period,
            "milestones": [
                {
                    "id": "needed-by",
                    "title": f"Delivery to {request['delivery_region']}",
                    "type": "delivery",
                    "dueDate": moment(request["needed_by"], self.tz),
                }
            ],
            "numberOfTenderers": len(self.process.tenderers),
            "tenderers": [_organization(t["id"], t["legal_name"]) for t in self.process.tenderers],
        }
        if request["note"]:
            tender["description"] = request["note"]
        return request["updated_at"], {"tender": tender}

    def _value(self) -> dict[str, Any]:
        request = self.request
        return {
            "amount": number(request["order_total_amount"]),
            "currency": request["order_currency"],
        }

    def _priced_items(self) -> list[dict[str, Any]]:
        return [_priced(line, self.request["order_currency"]) for line in self.process.lines]

    def _award(self) -> tuple[datetime, dict[str, Any]]:
        request = self.request
        award = {
            "id": str(request["order_offer_id"]),
            "status": "active",
            "date": request["order_placed_at"].isoformat(),
            "value": self._value(),
            "suppliers": [_organization(request["supplier_id"], request["supplier_name"])],
            "items": self._priced_items(),
        }
        return request["order_placed_at"], {"awards": [award]}

    def _contract_id(self) -> dict[str, str]:
        return {
            "id": str(self.request["order_id"]),
            "awardID": str(self.request["order_offer_id"]),
        }

    def _contract(self) -> tuple[datetime, dict[str, Any]]:
        request = self.request
        status = OrderStatus(request["order_status"])
        contract = {
            **self._contract_id(),
            "status": CONTRACT_STATUS[status],
            "dateSigned": request["order_placed_at"].isoformat(),
            "value": self._value(),
            "items": self._priced_items(),
            "period": {
                "startDate": request["order_placed_at"].isoformat(),
                "endDate": moment(request["needed_by"], self.tz),
            },
        }
        if status == OrderStatus.CANCELLED:
            contract["description"] = f"Cancelled: {request['order_cancel_reason']}"
        changed = max(
            request[f"order_{stamp}"] for stamp in ORDER_STAMPS if request[f"order_{stamp}"]
        )
        return changed, {"contracts": [contract]}

    def _implementation(self) -> tuple[datetime, dict[str, Any]]:
        lines = {line["line_no"]: line for line in self.process.lines}
        milestones = [
            {
                "id": f"delivery-{delivery['id']}",
                "title": f"Delivery {n}",
                "type": "delivery",
                "status": "met",
                "dateMet": delivery["recorded_at"].isoformat(),
                "description": received(delivery["lines"], lines),
            }
            for n, delivery in enumerate(self.process.deliveries, start=1)
        ]
        last = self.process.deliveries[-1]["recorded_at"]
        contract = {**self._contract_id(), "implementation": {"milestones": milestones}}
        return last, {"contracts": [contract]}


def received(delivered: Iterable[Mapping[str, Any]], lines: Mapping[int, Mapping[str, Any]]) -> str:
    """What a delivery brought, line by line: ``Received 150 TNE of line 1 (Quicklime).``"""
    parts = []
    for line in delivered:
        ordered = lines[line["line_no"]]
        quantity = Decimal(line["quantity"]).normalize()
        parts.append(
            f"{quantity:f} {ordered['unit']} of line {line['line_no']} ({ordered['description']})"
        )
    return f"Received {'; '.join(parts)}."


def merged(earlier: Any, later: Any) -> Any:
    """OCDS's merge of two releases' values: objects field by field, arrays of objects with
    ids item by item (by id), anything else the later value."""
    if isinstance(earlier, dict) and isinstance(later, dict):
        out = dict(earlier)
        for name, value in later.items():
            out[name] = merged(earlier[name], value) if name in earlier else value
        return out
    if _identified(earlier) and _identified(later):
        by_id = {item["id"]: item for item in earlier}
        for item in later:
            known = by_id.get(item["id"])
            by_id[item["id"]] = item if known is None else merged(known, item)
        return list(by_id.values())
    return later


def _identified(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, dict) and "id" in v for v in value)


def compiled(releases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The process as it now stands: its releases merged in stage order (their own ``id``,
    ``date`` and ``tag`` are not merged; OCDS's ``omitWhenMerged``)."""
    out: dict[str, Any] = {}
    for release in releases:
        out = merged(out, {k: v for k, v in release.items() if k not in ("id", "date", "tag")})
    ocid = out.pop("ocid")
    last = max((release["date"] for release in releases), key=datetime.fromisoformat)
    return {"ocid": ocid, "id": f"{ocid}-{last}", "date": last, "tag": ["compiled"], **out}


def record(releases: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """A process's record: its releases (embedded) and its compiled release."""
    return {
        "ocid": releases[0]["ocid"],
        "releases": list(releases),
        "compiledRelease": compiled(releases),
    }
