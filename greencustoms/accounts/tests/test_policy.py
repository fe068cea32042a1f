"""The access policy as a table: every role × level × action, expected allow or deny."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser

from greencustoms.accounts.choices import Action, Level
from greencustoms.accounts.policy import can, visible_levels
from greencustoms.conftest import verified

P, R, E, I = Level.PUBLIC, Level.REGISTERED, Level.ENFORCEMENT, Level.INTRANET  # noqa: E741
V, C, A, D = Action.VIEW, Action.CHANGE, Action.APPROVE, Action.DELETE

# role -> {(level, action): allowed} for an object owned by another partner (UNEP) and authored by nobody
EXPECTED = {
    "anonymous": {P: {V}, R: set(), E: set(), I: set()},
    "officer": {P: {V}, R: {V}, E: set(), I: set()},
    "enforcement_without_2fa": {P: {V}, R: {V}, E: set(), I: set()},
    "enforcement": {P: {V}, R: {V}, E: {V}, I: set()},
    "trainer": {P: {V}, R: {V}, E: set(), I: set()},
    "partner": {P: {V}, R: {V}, E: set(), I: {V}},
    "secretariat": {P: {V, C, A, D}, R: {V, C, A, D}, E: {V, C, A, D}, I: {V, C, A, D}},
}

FIXTURES = {
    "officer": "officer",
    "enforcement_without_2fa": "enforcement_without_2fa",
    "enforcement": "enforcement_user",
    "trainer": "trainer",
    "partner": "partner_user",
    "secretariat": "secretariat_user",
}


def _user(request: pytest.FixtureRequest, role: str):  # type: ignore[no-untyped-def]
    if role == "anonymous":
        return AnonymousUser()
    return verified(request.getfixturevalue(FIXTURES[role]))


CASES = [
    (role, level, action, action in allowed)
    for role, table in EXPECTED.items()
    for level, allowed in table.items()
    for action in (V, C, A, D)
]


@pytest.mark.django_db
@pytest.mark.parametrize(("role", "level", "action", "expected"), CASES)
def test_policy_matrix(request, partners, role, level, action, expected):  # type: ignore[no-untyped-def]
    user = _user(request, role)
    obj = SimpleNamespace(access_level=level, owner_partner_id=partners["UNEP"].pk, created_by_id=None)
    assert can(user, action, obj) is expected


@pytest.mark.django_db
@pytest.mark.parametrize("level", [P, R, E, I])
def test_partner_staff_view_change_and_delete_their_own_organizations_objects(partner_user, level):  # type: ignore[no-untyped-def]
    user = verified(partner_user)
    obj = SimpleNamespace(access_level=level, owner_partner_id=user.partner_id, created_by_id=None)
    assert can(user, V, obj) and can(user, C, obj) and can(user, D, obj)
    assert not can(user, A, obj)


@pytest.mark.django_db
def test_partner_staff_without_second_factor_get_only_registered_rights(partner_user):  # type: ignore[no-untyped-def]
    user = partner_user  # no is_verified(): as if the second step was never passed
    own = SimpleNamespace(access_level=I, owner_partner_id=user.partner_id, created_by_id=None)
    assert visible_levels(user) == ["public", "registered"]
    assert not can(user, V, own)


@pytest.mark.django_db
def test_authors_change_what_they_still_see_but_lose_it_with_their_status(enforcement_user):  # type: ignore[no-untyped-def]
    user = verified(enforcement_user)
    indicator = SimpleNamespace(access_level=E, owner_partner_id=None, created_by_id=user.pk)
    assert can(user, C, indicator)
    user.accreditations.update(status="suspended")
    user = verified(enforcement_user)
    assert not can(user, V, indicator) and not can(user, C, indicator)


@pytest.mark.django_db
def test_expired_accreditation_gives_no_enforcement_access(enforcement_user):  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    enforcement_user.accreditations.update(expires_at=timezone.now() - timedelta(days=1))
    assert "enforcement" not in visible_levels(verified(enforcement_user))


@pytest.mark.django_db
def test_inactive_accounts_are_treated_as_anonymous(officer):  # type: ignore[no-untyped-def]
    officer.is_active = False
    assert visible_levels(officer) == ["public"]
