from clusterkit.migrations import run
from membership.models import metadata

run(metadata, env_var="MEMBERSHIP_DATABASE_URL")
