"""The typed client against a running platform (``./dev up``): the whole member registry
across its pages, and an application submitted twice with one ``Idempotency-Key`` (one
application: the repeat is answered with the first answer).

    python clients/python/examples/cluster_client_example.py [gateway-url]

The admin key is read from ``COPPER_API_KEY`` or ``.state/admin.key``.
"""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path

from copper_cluster import ApiError, Cluster, items
from copper_cluster_client.api.membership_applications import submit_application
from copper_cluster_client.api.membership_members import list_members
from copper_cluster_client.models.application_submission import ApplicationSubmission
from copper_cluster_client.models.contact import Contact
from copper_cluster_client.models.member import Member
from copper_cluster_client.models.problem import Problem
from copper_cluster_client.models.region import Region
from copper_cluster_client.models.sector import Sector
from copper_cluster_client.models.submitted_application import SubmittedApplication
from copper_cluster_client.types import UNSET, Unset


def registry(cluster: Cluster, *, page_size: int = 50) -> list[Member]:
    """Every member, page after page (``page_size`` a page)."""
    return list(
        items(
            lambda cursor: list_members.sync(client=cluster.client, limit=page_size, cursor=cursor)
        )
    )


def application(stir: str, legal_name: str) -> ApplicationSubmission:
    return ApplicationSubmission(
        legal_name=legal_name,
        stir=stir,
        region=Region.UZ_TO,
        sectors=[Sector.CABLE_WIRE],
        requested_cathode_tpy="1200",
        contact=Contact(name="D. Karimov", email="info@example.uz", phone="+998 70 123 45 67"),
        proposal="Enamelled wire from cathode copper.",
    )


def submit(
    cluster: Cluster, body: ApplicationSubmission, *, idempotency_key: str | Unset = UNSET
) -> SubmittedApplication:
    """Submit an application. The client gives the call an ``Idempotency-Key`` of its own
    (and so may retry it); pass one to repeat a submit safely across runs."""
    answer = submit_application.sync(
        client=cluster.client,
        body=body,
        idempotency_key=idempotency_key,
    )
    if not isinstance(answer, SubmittedApplication):
        raise ApiError(answer if isinstance(answer, Problem) else None)
    return answer


def main(argv: list[str]) -> None:
    url = argv[1] if len(argv) > 1 else "http://127.0.0.1:8000"
    key = os.environ.get("COPPER_API_KEY") or Path(".state/admin.key").read_text().strip()
    with Cluster(url, api_key=key) as cluster:
        members = registry(cluster, page_size=2)
        print(f"{len(members)} members, e.g. {', '.join(m.legal_name for m in members[:3])}")
        stir = str(300_000_000 + uuid.uuid4().int % 99_999_999)
        once = str(uuid.uuid4())
        first = submit(cluster, application(stir, "Example Wire LLC"), idempotency_key=once)
        again = submit(cluster, application(stir, "Example Wire LLC"), idempotency_key=once)
        print(f"application {first.id} ({first.status.value}); the repeat: {again.id}")


if __name__ == "__main__":
    main(sys.argv)
