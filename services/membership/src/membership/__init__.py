"""Membership service: companies apply to join the Copper Industry Cluster; the Cluster
Development Service reviews and admits them."""
