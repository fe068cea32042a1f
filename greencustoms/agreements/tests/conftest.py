"""Reference data for the agreements tests: parsed once (no database) and loaded once per test database."""

from io import StringIO
from pathlib import Path
from typing import Any

import pytest

from greencustoms.agreements import refdata
from greencustoms.agreements.lookup import LookupIndex, index_from_refdata

DATA = Path(__file__).resolve().parents[3] / "data"


@pytest.fixture(scope="session")
def index() -> LookupIndex:
    data, problems = refdata.read(DATA)
    assert not problems
    return index_from_refdata(data)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    """The test database, with the shipped reference data imported once for the session."""
    from greencustoms.agreements import selectors
    from greencustoms.agreements.reference import load

    with django_db_blocker.unblock():
        load(stdout=StringIO())
    selectors.forget_index()


@pytest.fixture
def _reference_loaded(django_db_setup: Any, django_db_blocker: Any) -> None:
    """Re-import outside any test transaction if a transactional test of another app flushed the tables."""
    from greencustoms.agreements import selectors
    from greencustoms.agreements.models import DataRelease
    from greencustoms.agreements.reference import load

    with django_db_blocker.unblock():
        if not DataRelease.objects.exists():
            load(stdout=StringIO())
            selectors.forget_index()


@pytest.fixture
def refdb(_reference_loaded: None, db: Any) -> None:
    """Database access with the reference data present."""
