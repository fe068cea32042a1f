"""Settings package: base (all environment reading), dev (local demo), test, production."""
