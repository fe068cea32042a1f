"""Models of the guide domain."""
