from production.api.figures import router as figures_router
from production.api.kpis import router as kpis_router
from production.api.organisations import router as organisations_router

routers = [organisations_router, figures_router, kpis_router]
