from io import StringIO
from typing import Any

import pytest

from greencustoms.events.models import Event


@pytest.fixture
def demo(partners: dict[str, Any]) -> dict[str, Event]:
    """The two demo meetings with their actions (and partners)."""
    from greencustoms.actions.demo import load

    load(stdout=StringIO())
    return {e.number: e for e in Event.objects.filter(kind="partners_meeting")}
