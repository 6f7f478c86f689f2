"""Gateway: the one front door to the Copper Cluster Platform."""
