"""The front door: ``/api/v1/<service>/...`` checked (API key, rate limits), signed (the
internal token) and forwarded to the service."""
