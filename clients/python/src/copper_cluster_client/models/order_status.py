from enum import StrEnum


class OrderStatus(StrEnum):
    CANCELLED = "cancelled"
    CONFIRMED = "confirmed"
    DELIVERED = "delivered"
    PLACED = "placed"
    SHIPPED = "shipped"

    def __str__(self) -> str:
        return str(self.value)
