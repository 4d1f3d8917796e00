from tests.unit.engines import both_engines  # noqa: F401
