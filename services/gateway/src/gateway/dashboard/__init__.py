"""The dashboard at ``/``: the cluster's figures, the member registry, the supply catalogue
and the membership application as server-rendered pages; forms work without script."""

from gateway.dashboard.render import mount_dashboard_assets
from gateway.dashboard.routes import dashboard_router

__all__ = ["dashboard_router", "mount_dashboard_assets"]
