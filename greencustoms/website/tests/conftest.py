"""The website tests share the library's demo fixtures."""

from greencustoms.library.tests.conftest import demo_content, role_client

__all__ = ["demo_content", "role_client"]
