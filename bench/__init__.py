"""Benchmarks that print their figures; run from the project root as modules,
e.g. ``.venv/bin/python -m bench.check_load`` (see README, "Measured")."""
