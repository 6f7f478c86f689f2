from supply.api.members import router as members_router

routers = [members_router]
