"""The cases' named rules of accounts/policy.py as a table (role × rule), written by hand."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from greencustoms.accounts import policy
from greencustoms.conftest import verified

RULES = [
    "can_record_cases",
    "can_nominate",
    "can_export_cases",
    "can_publish_case",
    "can_import_cases",
    "can_manage_award",
]
ALL = set(RULES)
EXPECTED = {
    "anonymous": set(),
    "officer": set(),
    "enforcement_user": {"can_record_cases", "can_nominate", "can_export_cases"},
    "enforcement_without_2fa": set(),
    "trainer": set(),
    "partner_user": {"can_record_cases", "can_nominate"},
    "partner_without_2fa": set(),
    "secretariat_user": ALL,
    "secretariat_without_2fa": set(),
}


@pytest.mark.django_db
@pytest.mark.parametrize("fixture", list(EXPECTED))
def test_case_rules_by_role(fixture: str, request: Any) -> None:
    if fixture == "anonymous":
        user: Any = AnonymousUser()
    else:
        user = verified(request.getfixturevalue(fixture))  # a second factor only where there is a device
    answers = {rule: getattr(policy, rule)(user) for rule in RULES}
    assert answers == {rule: rule in EXPECTED[fixture] for rule in RULES}
