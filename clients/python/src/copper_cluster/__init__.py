"""A thin layer over the generated client (``copper_cluster_client``): :class:`Cluster`
(the API key, retries with backoff, an ``Idempotency-Key`` on creates) and :func:`items`
(every item of a list, across its cursor pages)."""

from copper_cluster.client import Cluster
from copper_cluster.pages import ApiError, Page, aitems, items
from copper_cluster.retries import (
    AsyncRetryTransport,
    OperationDeprecated,
    Retry,
    RetryTransport,
)

__all__ = [
    "ApiError",
    "AsyncRetryTransport",
    "Cluster",
    "OperationDeprecated",
    "Page",
    "Retry",
    "RetryTransport",
    "aitems",
    "items",
]
