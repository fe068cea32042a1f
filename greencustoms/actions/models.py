"""Models of the actions domain."""
