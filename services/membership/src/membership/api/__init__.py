from membership.api.applications import router as applications_router
from membership.api.members import router as members_router

routers = [applications_router, members_router]
