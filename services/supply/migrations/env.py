from clusterkit.migrations import run
from supply.tables import metadata

run(metadata, env_var="SUPPLY_DATABASE_URL")
