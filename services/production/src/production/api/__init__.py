from production.api.organisations import router as organisations_router

routers = [organisations_router]
