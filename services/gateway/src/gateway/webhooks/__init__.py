"""Webhooks: subscriptions (procurement or admin keys) to the feed's events, delivered signed,
in order per event key, retried, and disabled while they keep failing."""
