from tests.services.conftest import db_path, engine, session  # noqa: F401
from tests.unit.engines import both_engines  # noqa: F401
