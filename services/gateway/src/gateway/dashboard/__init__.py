"""The dashboard at ``/``: the cluster's figures, the member registry, the supply catalogue
and the membership application as server-rendered pages (see ``routes``)."""

from gateway.dashboard.routes import dashboard_router, mount_dashboard_assets

__all__ = ["dashboard_router", "mount_dashboard_assets"]
