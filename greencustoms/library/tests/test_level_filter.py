"""The library's access-level filter offers every level the user may see, and no other (issue 18)."""

import re
from typing import Any

import pytest

from greencustoms.conftest import ROLE_FIXTURES, ROLE_LEVELS


@pytest.mark.parametrize("role", sorted(ROLE_FIXTURES))
def test_the_level_filter_offers_exactly_the_levels_the_role_may_see(
    role: str, role_client: Any, db: Any
) -> None:
    _user, client = role_client(role)
    response = client.get("/library/")
    assert response.status_code == 200
    select = re.search(r'<select name="level"[^>]*>(.*?)</select>', response.content.decode(), re.S)
    assert select is not None
    offered = set(re.findall(r'<option value="([^"]*)"', select.group(1))) - {""}
    assert offered == {str(level) for level in ROLE_LEVELS[role]}
