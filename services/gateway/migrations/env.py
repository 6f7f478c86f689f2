from clusterkit.migrations import run
from gateway.models import metadata

run(metadata, env_var="GATEWAY_DATABASE_URL")
