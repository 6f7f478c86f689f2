"""Demo data, sent through the gateway like any client would (so events flow too).

Members across the cluster's priority areas and regions, built on the source documents
(decree PP-5159, AMMC's 2025 results); Almalyk MMC itself, the anchor, is the producer the
production service knows from its first migration. Companies and STIRs are illustrative.
"""

from __future__ import annotations

import json
import time
import urllib.request
from decimal import Decimal
from typing import Any


def _company(
    name: str,
    stir: str,
    region: str,
    sectors: list[str],
    quota: str,
    products: list[tuple[str, str, str, str]],
    contact: tuple[str, str, str],
    proposal: str,
) -> dict[str, Any]:
    return {
        "legal_name": name,
        "stir": stir,
        "region": region,
        "sectors": sectors,
        "planned_products": [
            {
                "hs_code": hs,
                "description": what,
                "annual_capacity": {"quantity": quantity, "unit": unit},
            }
            for hs, what, quantity, unit in products
        ],
        "requested_cathode_tpy": quota,
        "contact": {"name": contact[0], "email": contact[1], "phone": contact[2]},
        "proposal": proposal,
    }


MEMBERS = [
    _company(
        "Olmaliq Kabel Zavodi LLC",
        "305112233",
        "UZ-TO",
        ["cable_wire"],
        "14000",
        [
            ("8544.49", "Power cable with radiation-modified insulation", "15000", "KMT"),
            ("7408.11", "Copper wire rod", "12000", "TNE"),
        ],
        ("Dilshod Karimov", "info@olmaliq-kabel.uz", "+998 70 123 45 67"),
        "Deep processing of AMMC cathode copper into power and control cables.",
    ),
    _company(
        "Toshkent Mis Quvur JSC",
        "306445566",
        "UZ-TK",
        ["pipes", "fittings"],
        "7500",
        [
            ("7411.10", "Refined copper tubes", "6000", "TNE"),
            ("7412.10", "Copper tube fittings", "2000000", "H87"),
        ],
        ("Malika Yusupova", "office@mis-quvur.uz", "+998 71 200 10 20"),
        "Copper tubes and fittings for construction and HVAC.",
    ),
    _company(
        "Navoiy Kimyo Reagent LLC",
        "307778899",
        "UZ-NW",
        ["chemical_reagents"],
        "0",
        [("3824.99", "Flotation reagents for copper ore", "3000", "TNE")],
        ("Bekzod Rahimov", "sales@kimyo-reagent.uz", "+998 79 220 30 40"),
        "Local flotation reagents for AMMC's concentrator plants.",
    ),
    _company(
        "Chirchiq Mis Kukuni LLC",
        "308123450",
        "UZ-TO",
        ["copper_powder"],
        "1200",
        [("7406.10", "Copper powder, non-lamellar", "1000", "TNE")],
        ("Aziz Tursunov", "info@mis-kukun.uz", "+998 70 715 11 22"),
        "Electrolytic copper powder for powder metallurgy.",
    ),
    _company(
        "Samarqand EV Charge LLC",
        "309234561",
        "UZ-SA",
        ["ev_parts_chargers"],
        "800",
        [("8504.40", "EV charging stations", "2500", "H87")],
        ("Nodira Alimova", "hello@ev-charge.uz", "+998 66 233 44 55"),
        "Charging stations and copper busbars for electric vehicles.",
    ),
    _company(
        "Farg'ona Quyosh Energiya LLC",
        "310345672",
        "UZ-FA",
        ["renewable_energy"],
        "600",
        [("8541.43", "Solar panel assemblies", "40000", "H87")],
        ("Sherzod Qodirov", "info@quyosh.uz", "+998 73 244 55 66"),
        "Copper ribbons and wiring for solar power plants.",
    ),
]
OPEN_APPLICATIONS = [
    _company(
        "Namangan Mexanika LLC",
        "311456783",
        "UZ-NG",
        ["equipment_mechanisms"],
        "300",
        [("8474.20", "Crushing equipment spare parts", "500", "H87")],
        ("Otabek Ergashev", "info@mexanika.uz", "+998 69 227 66 77"),
        "Spare parts for grinding mills and crushers at AMMC.",
    ),
    _company(
        "Buxoro Kadrlar Markazi",
        "312567894",
        "UZ-BU",
        ["training"],
        "0",
        [],
        ("Gulnora Saidova", "info@kadrlar.uz", "+998 65 221 77 88"),
        "Training metallurgists and electricians for cluster members.",
    ),
]


def load_demo_data(gateway: str, admin_key: str) -> int:
    """Admit the demo members and leave two applications open, unless the first demo member
    is in the registry already; return how many companies were sent."""
    first = MEMBERS[0]["legal_name"].split()[0]
    if _call("GET", f"{gateway}/api/v1/membership/members?q={first}", None)["items"]:
        return 0
    applications = f"{gateway}/api/v1/membership/applications"
    members = []
    for company in MEMBERS:
        created = _call("POST", applications, admin_key, company)
        one = f"{applications}/{created['id']}"
        _call("POST", f"{one}/start-review", admin_key)
        members.append(
            _call("POST", f"{one}/approve", admin_key, {"reason": "Demo data"})["member_id"]
        )
    _, second = (_call("POST", applications, admin_key, c) for c in OPEN_APPLICATIONS)
    _call("POST", f"{applications}/{second['id']}/start-review", admin_key)
    _wait_for_production(gateway, set(members))
    load_production(gateway, admin_key, members)
    return len(MEMBERS) + len(OPEN_APPLICATIONS)


AMMC_ID = "00000000-0000-4000-8000-00000000a3c0"
# AMMC 2025 (source: its 2025 results): 148,500 t of copper (+11,100 t on 2024); industrial
# output 51.6 trn UZS, 119% of plan, 134.5% of 2024; exports USD 510.4M, 104.2% of forecast;
# local products bought 1.31 trn UZS. Months are illustrative, the totals are the reported.
CATHODE_2025 = [11800, 11900, 12300, 12200, 12500, 12400, 12600, 12700, 12500, 12600, 12400, 12600]
# Members' copper processed per month (t of Cu) and product category: about 16% of the
# cathode, far below the cluster's 80% goal.
PROCESSED = {
    "Olmaliq Kabel Zavodi LLC": ("1150", "cable_wire"),
    "Toshkent Mis Quvur JSC": ("600", "pipes"),
    "Chirchiq Mis Kukuni LLC": ("95", "copper_powder"),
    "Samarqand EV Charge LLC": ("60", "ev_parts_chargers"),
    "Farg'ona Quyosh Energiya LLC": ("45", "renewable_energy"),
}


def _months(total: Decimal) -> list[Decimal]:
    month = (total / 12).quantize(Decimal("0.01"))
    return [month] * 11 + [total - month * 11]


def load_production(gateway: str, admin_key: str, members: list[str]) -> None:
    """AMMC's 2024 and 2025 figures and plans, and the members' processed copper."""
    reports = f"{gateway}/api/v1/production/reports"

    def report(
        organisation: str,
        metric: str,
        period: str,
        quantity: object,
        unit: str,
        category: str | None = None,
    ) -> None:
        body = {
            "organisation_id": organisation,
            "metric": metric,
            "period": period,
            "quantity": str(quantity),
            "unit": unit,
        }
        if category:
            body["product_category"] = category
        _call("POST", reports, admin_key, body)

    yearly = {
        ("industrial_output_value", "UZS"): {
            2025: Decimal("51.6e12"),
            2024: Decimal("51.6e12") / Decimal("1.345"),
        },
        ("export_value", "USD"): {2025: Decimal("510.4e6")},
        ("local_purchases_value", "UZS"): {2025: Decimal("1.31e12")},
    }
    for month in range(1, 13):
        report(AMMC_ID, "cathode_output", f"2025-{month:02d}", CATHODE_2025[month - 1], "TNE")
        report(AMMC_ID, "cathode_output", f"2024-{month:02d}", Decimal(137400) / 12, "TNE")
        for (metric, unit), totals in yearly.items():
            for year, total in totals.items():
                report(
                    AMMC_ID,
                    metric,
                    f"{year}-{month:02d}",
                    _months(total.quantize(Decimal("0.01")))[month - 1],
                    unit,
                )
        for member, company in zip(members, MEMBERS, strict=True):
            if company["legal_name"] in PROCESSED:  # the reagents maker processes no copper
                quantity, category = PROCESSED[company["legal_name"]]
                report(member, "copper_processed", f"2025-{month:02d}", quantity, "TNE", category)
    plans = {
        "industrial_output_value": Decimal("51.6e12") / Decimal("1.19"),
        "export_value": Decimal("510.4e6") / Decimal("1.042"),
        "cathode_output": Decimal(145000),
    }
    for metric, annual in plans.items():
        _call(
            "PUT",
            f"{gateway}/api/v1/production/plans/{AMMC_ID}/{metric}/2025",
            admin_key,
            {"annual": str(annual.quantize(Decimal("0.01")))},
        )


def _wait_for_production(gateway: str, members: set[str], timeout: float = 60) -> None:
    """Members reach production through Kafka; wait until it knows them all."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        page = _call(
            "GET", f"{gateway}/api/v1/production/organisations?kind=member&limit=200", None
        )
        if members <= {o["id"] for o in page["items"]}:
            return
        time.sleep(0.3)
    raise TimeoutError("production did not receive the demo members")


def _call(method: str, url: str, key: str | None, body: Any = None) -> Any:
    request = urllib.request.Request(url, method=method)  # noqa: S310 (loopback)
    if key:
        request.add_header("Authorization", f"Bearer {key}")
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        request.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(request, data, timeout=10) as response:  # noqa: S310
        return json.loads(response.read())
