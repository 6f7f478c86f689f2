"""Demo data, sent through the gateway like any client would (so events flow too).

Companies are illustrative, built on the cluster's source documents: a cable maker, a pipe
and fittings plant and a reagents producer applying to join.
"""

from __future__ import annotations

import json
import urllib.request
from typing import Any

DEMO_APPLICATIONS: list[dict[str, Any]] = [
    {
        "legal_name": "Olmaliq Kabel Zavodi LLC",
        "stir": "305112233",
        "region": "UZ-TO",
        "sectors": ["cable_wire"],
        "planned_products": [
            {
                "hs_code": "8544.49",
                "description": "Power cable with radiation-modified insulation",
                "annual_capacity": {"quantity": "15000", "unit": "KMT"},
            },
            {
                "hs_code": "7408.11",
                "description": "Copper wire rod",
                "annual_capacity": {"quantity": "12000", "unit": "TNE"},
            },
        ],
        "requested_cathode_tpy": "14000",
        "contact": {
            "name": "Dilshod Karimov",
            "email": "info@olmaliq-kabel.uz",
            "phone": "+998 70 123 45 67",
        },
        "proposal": "Deep processing of AMMC cathode copper into power and control cables.",
    },
    {
        "legal_name": "Toshkent Mis Quvur JSC",
        "stir": "306445566",
        "region": "UZ-TK",
        "sectors": ["pipes", "fittings"],
        "planned_products": [
            {
                "hs_code": "7411.10",
                "description": "Refined copper tubes",
                "annual_capacity": {"quantity": "6000", "unit": "TNE"},
            },
            {
                "hs_code": "7412.10",
                "description": "Copper tube fittings",
                "annual_capacity": {"quantity": "2000000", "unit": "H87"},
            },
        ],
        "requested_cathode_tpy": "7500",
        "contact": {
            "name": "Malika Yusupova",
            "email": "office@mis-quvur.uz",
            "phone": "+998 71 200 10 20",
        },
        "proposal": "Copper tubes and fittings for construction and HVAC.",
    },
    {
        "legal_name": "Navoiy Kimyo Reagent LLC",
        "stir": "307778899",
        "region": "UZ-NW",
        "sectors": ["chemical_reagents"],
        "planned_products": [
            {
                "hs_code": "3824.99",
                "description": "Flotation reagents for copper ore",
                "annual_capacity": {"quantity": "3000", "unit": "TNE"},
            },
        ],
        "requested_cathode_tpy": "0",
        "contact": {
            "name": "Bekzod Rahimov",
            "email": "sales@kimyo-reagent.uz",
            "phone": "+998 79 220 30 40",
        },
        "proposal": "Local flotation reagents for AMMC's concentrator plants.",
    },
]


def load_demo_data(gateway: str, admin_key: str) -> int:
    """Submit the demo applications unless some already exist; return how many were sent."""
    existing = _call("GET", f"{gateway}/api/v1/production/organisations?limit=1", admin_key)
    if existing["items"]:
        return 0
    for application in DEMO_APPLICATIONS:
        _call("POST", f"{gateway}/api/v1/membership/applications", None, application)
    return len(DEMO_APPLICATIONS)


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
