"""API keys: issued once by an admin (or ``gateway-keys``), stored hashed, checked on every
call through the gateway."""
