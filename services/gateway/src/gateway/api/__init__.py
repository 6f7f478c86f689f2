from gateway.api.events import router as events_router
from gateway.api.keys import router as keys_router
from gateway.api.webhooks import router as webhooks_router

routers = [keys_router, events_router, webhooks_router]
