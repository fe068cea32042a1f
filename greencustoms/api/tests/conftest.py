"""The API tests reuse the role matrix of the library tests and the demo meetings of the events tests."""

# Imported so pytest offers them here too; they are defined (once) where their data is made.
from greencustoms.events.tests.conftest import demo  # noqa: F401
from greencustoms.library.tests.conftest import demo_content  # noqa: F401
# role_client is a fixture of the root conftest (greencustoms/conftest.py), offered everywhere.
