"""Local processes for development and tests: a private PostgreSQL cluster and an Apache
Kafka broker (KRaft) assembled from Maven Central jars. Not used by services at run time."""
