from enum import StrEnum


class Metric(StrEnum):
    CATHODE_OUTPUT = "cathode_output"
    COPPER_PROCESSED = "copper_processed"
    EXPORT_VALUE = "export_value"
    INDUSTRIAL_OUTPUT_VALUE = "industrial_output_value"
    LOCAL_PURCHASES_VALUE = "local_purchases_value"
    PRODUCT_OUTPUT = "product_output"

    def __str__(self) -> str:
        return str(self.value)
