from clusterkit.migrations import run
from gateway.tables import metadata

run(metadata, env_var="GATEWAY_DATABASE_URL")
