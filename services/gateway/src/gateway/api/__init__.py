from gateway.api.keys import router as keys_router

routers = [keys_router]
