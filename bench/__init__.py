"""Benchmarks: `make bench` runs every bench/bench_*.py module's `main()`; each writes its section of RESULTS.md."""
