"""Supply service: locally made reagents and equipment for cluster members."""
