from supply.api.items import router as items_router
from supply.api.members import router as members_router
from supply.api.offers import router as offers_router
from supply.api.orders import router as orders_router
from supply.api.requests import router as requests_router
from supply.api.stats import router as stats_router
from supply.api.suppliers import router as suppliers_router

routers = [
    suppliers_router,
    items_router,
    requests_router,
    offers_router,
    orders_router,
    stats_router,
    members_router,
]
