from enum import StrEnum


class Category(StrEnum):
    EQUIPMENT = "equipment"
    MATERIAL = "material"
    MECHANISM = "mechanism"
    REAGENT = "reagent"
    SPARE_PART = "spare_part"

    def __str__(self) -> str:
        return str(self.value)
