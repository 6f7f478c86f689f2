"""Demo data, sent through the gateway like any client would (so events flow too).

Members across the cluster's priority areas and regions, built on the source documents
(decree PP-5159, AMMC's 2025 results); Almalyk MMC itself, the anchor, is the producer the
production service knows from its first migration. Companies and STIRs are illustrative.
"""

from __future__ import annotations

import json
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
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
    _wait_for(
        f"{gateway}/api/v1/production/organisations?kind=member&limit=200",
        None,
        set(members),
        "production",
    )
    load_production(gateway, admin_key, members)
    load_supply(gateway, admin_key, members)
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


# Local producers of the reagents a copper concentrator and smelter use (flotation reagents,
# lime, sulfuric acid) and of equipment, with their HS codes; one importer for contrast.
# (name, STIR, region, local, category, [(item, HS, unit, price, currency, local %)])
SUPPLIERS: list[tuple[str, str, str, bool, str, list[tuple[str, str, str, str, str, str]]]] = [
    (
        "Navoiyazot JSC",
        "200994837",
        "UZ-NW",
        True,
        "reagent",
        [
            ("Sodium sulfide, 60%", "2830.10", "TNE", "9800000", "UZS", "100"),
            ("Flocculant, anionic polyacrylamide", "3906.90", "TNE", "32000000", "UZS", "85"),
        ],
    ),
    (
        "Olmaliq Kimyo Reagent LLC",
        "301223344",
        "UZ-TO",
        True,
        "reagent",
        [
            ("Potassium butyl xanthate", "2930.90", "TNE", "28500000", "UZS", "90"),
        ],
    ),
    (
        "Ohangaron Ohak LLC",
        "302334455",
        "UZ-TO",
        True,
        "reagent",
        [
            ("Quicklime, 90% CaO", "2522.10", "TNE", "1450000", "UZS", "100"),
        ],
    ),
    (
        "Navoi Sulfat Kislota LLC",
        "303445566",
        "UZ-NW",
        True,
        "reagent",
        [
            ("Sulfuric acid, technical 92.5%", "2807.00", "TNE", "1150000", "UZS", "100"),
        ],
    ),
    (
        "Qizilqum Flotoreagent LLC",
        "304556677",
        "UZ-NW",
        True,
        "reagent",
        [
            ("Frother, methyl isobutyl carbinol", "2905.19", "TNE", "31000000", "UZS", "70"),
        ],
    ),
    (
        "Farg'ona Kimyo Zavodi JSC",
        "305667788",
        "UZ-FA",
        True,
        "reagent",
        [
            ("Caustic soda, flakes 98%", "2815.11", "TNE", "6200000", "UZS", "100"),
        ],
    ),
    (
        "Chirchiq Mashsozlik LLC",
        "306778899",
        "UZ-TO",
        True,
        "equipment",
        [
            ("Slurry pump, 200 m3/h", "8413.70", "H87", "185000000", "UZS", "65"),
        ],
    ),
    (
        "Toshkent Konveyer Mash LLC",
        "307889900",
        "UZ-TK",
        True,
        "mechanism",
        [
            ("Belt conveyor section, 1,000 mm", "8428.33", "H87", "96000000", "UZS", "75"),
        ],
    ),
    (
        "Andijon Mexanika Zavodi JSC",
        "308990011",
        "UZ-AN",
        True,
        "spare_part",
        [
            ("Ball mill liner plates, manganese steel", "8474.90", "TNE", "24000000", "UZS", "80"),
        ],
    ),
    (
        "Samarqand Elektromash LLC",
        "309001122",
        "UZ-SA",
        True,
        "equipment",
        [
            ("Induction motor, 250 kW", "8501.53", "H87", "142000000", "UZS", "55"),
        ],
    ),
    (
        "Namangan Rezina Texnika LLC",
        "310112233",
        "UZ-NG",
        True,
        "material",
        [
            ("Conveyor belt, rubber EP-630", "4010.12", "MTR", "1350000", "UZS", "90"),
        ],
    ),
    (
        "Jizzax Filtr LLC",
        "311223344",
        "UZ-JI",
        True,
        "equipment",
        [
            ("Filter press cloth set", "5911.40", "SET", "18500000", "UZS", "60"),
        ],
    ),
    (
        "Global Mining Reagents Trading LLC",
        "312334455",
        "UZ-TK",
        False,
        "reagent",
        [
            ("Sodium isopropyl xanthate (imported)", "2930.90", "TNE", "2300", "USD", "0"),
        ],
    ),
]


def load_supply(gateway: str, admin_key: str, members: list[str]) -> None:
    """Suppliers with their catalogue, then requests, offers and orders in every state."""
    api = f"{gateway}/api/v1/supply"
    keys, items = {}, {}
    for name, stir, region, local, category, goods in SUPPLIERS:
        body = {
            "legal_name": name,
            "stir": stir,
            "region": region,
            "is_local": local,
            "categories": [category],
        }
        supplier = _call("POST", f"{api}/suppliers", admin_key, body)["id"]
        _call("POST", f"{api}/suppliers/{supplier}/verify", admin_key)
        if local:  # local by a certificate in force, not by its word
            _certify(f"{api}/suppliers/{supplier}/documents", admin_key, stir)
        keys[name] = _key(gateway, admin_key, "supplier", supplier, name)
        for item, hs, unit, price, currency, local_pct in goods:
            items[item] = _call(
                "POST",
                f"{api}/items",
                keys[name],
                {
                    "name": item,
                    "category": category,
                    "hs_code": hs,
                    "unit": unit,
                    "unit_price": {"amount": price, "currency": currency},
                    "local_content_pct": local_pct,
                    "lead_time_days": 14,
                    "available_quantity": "1000",
                    "certifications": ["O'zDSt ISO 9001"],
                },
            )["id"]
    _wait_for(f"{api}/members?limit=200", admin_key, set(members), "supply")
    needed_by = (date.today() + timedelta(days=45)).isoformat()
    valid_until = (datetime.now(UTC) + timedelta(days=30)).isoformat()
    importer = SUPPLIERS[-1][0]

    def deal(member: str, line: dict[str, Any], quotes: list[tuple[str, str, str]]) -> list[str]:
        """Open a request; each (supplier, price, currency) quotes it; return the offer ids."""
        request = _call(
            "POST",
            f"{api}/requests",
            member,
            {"lines": [line], "needed_by": needed_by, "delivery_region": "UZ-TO"},
        )
        return [
            _call(
                "POST",
                f"{api}/requests/{request['id']}/offers",
                keys[supplier],
                {
                    "currency": currency,
                    "valid_until": valid_until,
                    "lines": [
                        {
                            "line_no": 1,
                            "unit_price": price,
                            "quantity": line["quantity"],
                            "unit": line["unit"],
                            "delivery_date": needed_by,
                        }
                    ],
                },
            )["id"]
            for supplier, price, currency in quotes
        ]

    buyers = [_key(gateway, admin_key, "member", m, "demo member") for m in members[:4]]
    lime = {"catalogue_item_id": items["Quicklime, 90% CaO"], "quantity": "400", "unit": "TNE"}
    chosen, _ = deal(
        buyers[0], lime, [("Ohangaron Ohak LLC", "1420000", "UZS"), (importer, "115", "USD")]
    )
    order = _call("POST", f"{api}/offers/{chosen}/accept", buyers[0])["id"]
    steps: list[tuple[str, str, Any]] = [
        ("confirm", keys["Ohangaron Ohak LLC"], None),
        ("ship", keys["Ohangaron Ohak LLC"], None),
        ("deliver", buyers[0], {"lines": [{"line_no": 1, "quantity": "400"}]}),
    ]
    for step, key, body in steps:
        _call("POST", f"{api}/orders/{order}/{step}", key, body)
    pumps = {
        "hs_code": "8413.70",
        "description": "Slurry pumps for the tailings line",
        "category": "equipment",
        "quantity": "2",
        "unit": "H87",
    }
    [chosen] = deal(buyers[1], pumps, [("Chirchiq Mashsozlik LLC", "180000000", "UZS")])
    order = _call("POST", f"{api}/offers/{chosen}/accept", buyers[1])["id"]
    _call("POST", f"{api}/orders/{order}/confirm", keys["Chirchiq Mashsozlik LLC"])
    xanthate = {
        "catalogue_item_id": items["Potassium butyl xanthate"],
        "quantity": "50",
        "unit": "TNE",
    }
    deal(
        buyers[2],
        xanthate,
        [("Olmaliq Kimyo Reagent LLC", "28000000", "UZS"), (importer, "2250", "USD")],
    )  # left open: two offers to weigh
    caustic = {
        "hs_code": "2815.11",
        "description": "Caustic soda for the water plant",
        "category": "reagent",
        "quantity": "20",
        "unit": "TNE",
    }
    [chosen] = deal(buyers[3], caustic, [(importer, "480", "USD")])
    _call("POST", f"{api}/offers/{chosen}/accept", buyers[3])


def _key(gateway: str, admin_key: str, role: str, organisation: str, name: str) -> str:
    body = {"name": f"demo {role}: {name}", "role": role, "organisation_id": organisation}
    key: str = _call("POST", f"{gateway}/api/v1/keys", admin_key, body)["key"]
    return key


def _wait_for(url: str, key: str | None, ids: set[str], who: str, timeout: float = 60) -> None:
    """Members reach the other services through Kafka; wait until ``who`` knows them all."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ids <= {o["id"] for o in _call("GET", url, key)["items"]}:
            return
        time.sleep(0.3)
    raise TimeoutError(f"{who} did not receive the demo members")


def _certify(url: str, key: str, stir: str) -> None:
    """A local-production certificate, issued 90 days ago for two years (multipart)."""
    issued = date.today() - timedelta(days=90)
    fields = {
        "kind": "local_production_certificate",
        "number": f"UZ-LP-{stir}",
        "issuer": "Chamber of Commerce and Industry of Uzbekistan",
        "issued_on": issued.isoformat(),
        "expires_on": (issued + timedelta(days=729)).isoformat(),
        "local_content_percent": "65",
    }
    boundary = "demo-certificate-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = (
        "".join(parts).encode()
        + (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="certificate-{stir}.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + b"%PDF-1.7\n% demo certificate\n%%EOF\n"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = urllib.request.Request(url, data=body, method="POST")  # noqa: S310 (loopback)
    request.add_header("Authorization", f"Bearer {key}")
    request.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        response.read()


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
