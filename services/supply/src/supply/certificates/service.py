"""The daily job that announces certificates about to expire: every instance schedules it,
one runs each turn (clusterkit.jobs), and each certificate is announced once."""

from __future__ import annotations

from clusterkit.jobs import Job
from clusterkit.unit_of_work import UnitOfWork
from supply.certificates import queries
from supply.certificates.events import CERTIFICATE_EXPIRING, CertificateExpiring
from supply.events import contracts
from supply.settings import SupplySettings

TIME_ZONE = "Asia/Tashkent"


async def announce_expiring(uow: UnitOfWork, *, days: int) -> int:
    """Publish ``certificate_expiring`` for each certificate that expires within ``days``
    and was not announced yet."""
    rows = await uow.fetch(queries.ANNOUNCE_EXPIRING, days=days, time_zone=TIME_ZONE)
    for row in rows:
        uow.publish(contracts.event(CERTIFICATE_EXPIRING, CertificateExpiring(**row)))
    return len(rows)


async def _turn(uow: UnitOfWork, settings: SupplySettings) -> int:
    return await announce_expiring(uow, days=settings.certificate_notice_days)


CERTIFICATE_EXPIRY = Job("certificate-expiry", _turn, every="certificate_check_seconds")
