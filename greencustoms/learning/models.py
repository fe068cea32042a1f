"""Models of the learning domain."""
