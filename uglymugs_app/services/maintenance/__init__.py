"""Housekeeping rounds, schema migrations and the demo seed."""
