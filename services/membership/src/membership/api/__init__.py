from membership.api.applications import router as applications_router

routers = [applications_router]
