"""Project-level tests share the package's fixtures."""

from greencustoms.conftest import _default_language  # noqa: F401 - autouse fixture
