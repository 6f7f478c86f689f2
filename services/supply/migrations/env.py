from clusterkit.migrations import run
from supply.models import metadata

run(metadata, env_var="SUPPLY_DATABASE_URL")
