"""The website tests share the library's demo fixtures (roles and clients come from the root conftest)."""

from greencustoms.library.tests.conftest import demo_content

__all__ = ["demo_content"]
