from enum import StrEnum


class ApplicationStatus(StrEnum):
    APPROVED = "approved"
    INFO_REQUESTED = "info_requested"
    REJECTED = "rejected"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
