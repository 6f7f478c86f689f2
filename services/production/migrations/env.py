from clusterkit.migrations import run
from production.models import metadata

run(metadata, env_var="PRODUCTION_DATABASE_URL")
