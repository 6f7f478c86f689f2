"""Who reads and attaches an application's documents: whoever may read the application
(admins, the applicant with its token). A call with neither key nor token learns nothing,
not even whether the application exists."""

from __future__ import annotations

from clusterkit.auth import Caller
from clusterkit.errors import Unauthenticated
from clusterkit.i18n import N_
from membership.applications.access import TOKEN_HEADER


def ensure_may_ask(caller: Caller, token: str | None) -> None:
    if not caller.is_admin and token is None:
        raise Unauthenticated(
            N_("Send the application's access token ({header})."), params={"header": TOKEN_HEADER}
        )
