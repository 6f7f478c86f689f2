"""clusterkit: the mechanisms every Copper Cluster Platform service is built from.

Only mechanisms live here (settings, database unit of work, outbox relay, consumer with
inbox, CloudEvents envelope, problem+json, logging, health, metrics, internal auth, test
fixtures); business payloads belong to the services.
"""
