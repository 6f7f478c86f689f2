from enum import StrEnum


class OfferStatus(StrEnum):
    ACCEPTED = "accepted"
    DECLINED = "declined"
    LIVE = "live"
    REPLACED = "replaced"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
