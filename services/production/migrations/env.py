from clusterkit.migrations import run
from production.tables import metadata

run(metadata, env_var="PRODUCTION_DATABASE_URL")
