from clusterkit.migrations import run
from membership.tables import metadata

run(metadata, env_var="MEMBERSHIP_DATABASE_URL")
