"""The code lists with their names in the caller's language (``GET /api/v1/codes/{list}``)."""
