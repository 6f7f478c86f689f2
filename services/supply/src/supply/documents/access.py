"""Who reads and attaches supply's documents: whoever may read the record reads its
documents (a verified supplier's certificates are as public as the supplier); the record's
own party attaches them (the supplier its certificates and quotations, the member its
request's specifications), and admins any."""

from __future__ import annotations

import uuid

from clusterkit.auth import Caller
from clusterkit.errors import Forbidden
from clusterkit.i18n import N_
from supply.parties import organisation

# Who attaches documents to a record, said whole for each kind of owner.
ONLY_OWNER = {
    "supplier": N_("Only the supplier it belongs to, or an admin, attaches documents here."),
    "member": N_("Only the member it belongs to, or an admin, attaches documents here."),
}
ONLY_ANY_OWNER = N_("Only the {role} it belongs to, or an admin, attaches documents here.")


def ensure_attaches(caller: Caller, party: uuid.UUID, role: str) -> None:
    """Only the record's own ``role`` (its ``party``) or an admin attaches."""
    if caller.is_admin:
        return
    if caller.role != role or organisation(caller) != party:
        raise Forbidden(ONLY_OWNER.get(role, ONLY_ANY_OWNER), params={"role": role})
