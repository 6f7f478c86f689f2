"""Local processes for development and tests: a private PostgreSQL cluster, an Apache
Kafka broker (KRaft) assembled from Maven Central jars, and kustomize built with Go for the
deploy checks. Not used by services at run time."""
