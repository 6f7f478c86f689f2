"""The event feed: every event of the platform's topics, stored once and in order, read with
a cursor (``/api/v1/events``) and the source of the webhooks' deliveries."""
