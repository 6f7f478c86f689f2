"""What the pages call the cluster's codes (the code lists' names, :data:`CODE_LISTS`) and
hints for the fields people most often get wrong: English msgids, named in the page's
language by :func:`named` and :func:`hint`."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from clusterkit.codes import CODE_LISTS
from clusterkit.i18n import N_, current_language, gettext

REGIONS = CODE_LISTS["regions"].names
# membership's sectors and supply's categories, in the order the cluster lists them
SECTORS = CODE_LISTS["sectors"].names
CATEGORIES = CODE_LISTS["categories"].names
STATUS_TEXT = CODE_LISTS["application-states"].names
OPEN = ("submitted", "under_review", "info_requested")
OPEN_STATES = {code: name for code, name in STATUS_TEXT.items() if code in OPEN}
MEMBER_STATES = CODE_LISTS["member-states"].names
UNITS = CODE_LISTS["units"].names
# Said to people instead of the API's regular expression when a field does not match it.
HINTS = {
    "stir": N_("The STIR is exactly 9 digits."),
    "contact.email": N_("Enter an email address such as name@company.uz."),
    "contact.phone": N_("Enter a phone number such as +998 71 200 10 20."),
    "requested_cathode_tpy": N_("Enter a number of tonnes, 0 or more."),
    "region": N_("Choose a region."),
    "sectors": N_("Choose at least one sector."),
}
# The API's error types a hint says better (a pattern, a code list, an empty list).
HINTED = ("pattern_mismatch", "parsing", "enum", "too_short")


@cache
def _named(labels: tuple[tuple[str, str], ...], language: str) -> dict[str, str]:
    return {code: gettext(language, name) for code, name in labels}


def named(labels: Mapping[str, str], language: str | None = None) -> dict[str, str]:
    """``labels`` (code -> msgid) in ``language`` (None: the page's), in their order."""
    return _named(tuple(labels.items()), language or current_language())


def hint(field: str, language: str | None = None) -> str | None:
    return gettext(language, HINTS[field]) if field in HINTS else None
