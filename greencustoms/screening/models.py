"""Models of the screening domain."""
