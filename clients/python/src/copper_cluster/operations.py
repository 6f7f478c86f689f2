"""Written by ``./dev client`` from the merged OpenAPI document; do not edit."""

# The creates (POST) that honour an Idempotency-Key: the client gives each call one,
# and so may repeat it.
IDEMPOTENT_CREATES: tuple[str, ...] = (
    "/api/v1/membership/applications",
    "/api/v1/supply/requests",
)
