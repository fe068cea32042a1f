"""Bearer tokens in the permission matrix: minted without two factors they reach no restricted level.

For every role of the library's matrix (``ROLE_FIXTURES``), two tokens: one minted over the API from a
session signed in with the password only, one minted from the role's usual session (two factors when the
role has a device). The first never sees an enforcement or intranet object; the second sees exactly what
the role may (``allowed_canaries``, ``ROLE_LEVELS``), on every list and detail endpoint.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from greencustoms.accounts.policy import Level
from greencustoms.library.demo import CANARIES as DOC_CANARIES
from greencustoms.library.tests.conftest import ROLE_FIXTURES, ROLE_LEVELS, allowed_canaries

pytestmark = pytest.mark.django_db

ROLES = [r for r in ROLE_FIXTURES if ROLE_FIXTURES[r] is not None]
CANARY = re.compile(r"GCCANARY-[a-z0-9-]+")
RESTRICTED = {
    c for c, (level, _owner) in DOC_CANARIES.items() if level in (Level.ENFORCEMENT, Level.INTRANET)
}
PASSWORD_ONLY_LEVELS = {Level.PUBLIC, Level.REGISTERED}
DEMO_MEETINGS = 3  # the events demo's two partners' meetings and the library demo's one, all intranet
DEMO_ACTIONS = 17 + 31 + 6  # 2007; the 2017 annex, its key recommendations and body commitments (issue #19)


def _password_only_client(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend="greencustoms.accounts.backends.EmailBackend")
    return client


def _mint(client: Client) -> dict[str, Any]:
    response = client.post(
        "/api/v1/me/tokens", json.dumps({"name": "matrix"}), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    return response.json()


def _sweep(secret: str) -> tuple[set[str], dict[str, Any]]:
    """Every canary the token meets on the API's list and detail endpoints, and what they answered."""
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    seen: set[str] = set()
    answers: dict[str, Any] = {}
    for url in (
        "/api/v1/me",
        "/api/v1/documents",
        "/api/v1/documents?q=GCCANARY",
        "/api/v1/documents?q=risk",
        "/api/v1/meetings",
        "/api/v1/actions",
        "/api/v1/learning/modules",
        "/api/v1/learning/stats",
        "/api/v1/lookup?q=2903.71",
        "/api/v1/screen/jobs",
    ):
        response = bearer.get(url)
        seen |= set(CANARY.findall(response.content.decode()))
        answers[url] = response
    for meeting in answers["/api/v1/meetings"].json():
        url = f"/api/v1/actions?meeting={meeting['id']}"
        response = bearer.get(url)
        assert response.status_code == 200, url
        seen |= set(CANARY.findall(response.content.decode()))
    return seen, answers


def _expect(role: str, levels: set[str], seen: set[str], answers: dict[str, Any]) -> None:
    me = answers["/api/v1/me"].json()
    assert set(me["levels"]) == levels, role
    if levels == ROLE_LEVELS[role]:
        documents = allowed_canaries(role) & set(DOC_CANARIES)  # with partner staff's own documents
    else:
        documents = {c for c, (level, _owner) in DOC_CANARIES.items() if level in levels}
    assert seen == documents, f"{role}: saw {sorted(seen - documents)}, missed {sorted(documents - seen)}"
    intranet = Level.INTRANET in levels
    assert len(answers["/api/v1/meetings"].json()) == (DEMO_MEETINGS if intranet else 0), role
    assert len(answers["/api/v1/actions"].json()) == (DEMO_ACTIONS if intranet else 0), role
    assert answers["/api/v1/learning/stats"].status_code == (200 if intranet else 403), role
    assert answers["/api/v1/learning/modules"].status_code == 200
    assert answers["/api/v1/lookup?q=2903.71"].status_code == 200
    assert answers["/api/v1/screen/jobs"].status_code == 200 and answers["/api/v1/screen/jobs"].json() == []


@pytest.mark.parametrize("role", ROLES)
def test_a_token_minted_without_two_factors_sees_no_restricted_object(
    role: str, demo_content: Any, demo: Any, role_client: Any
) -> None:
    user, _client = role_client(role)
    token = _mint(_password_only_client(user))
    assert token["two_factor"] is False
    seen, answers = _sweep(token["token"])
    assert not seen & RESTRICTED, f"{role}: {sorted(seen & RESTRICTED)}"
    _expect(role, PASSWORD_ONLY_LEVELS, seen, answers)


@pytest.mark.parametrize("role", ROLES)
def test_a_token_minted_with_two_factors_sees_exactly_what_the_role_may(
    role: str, demo_content: Any, demo: Any, role_client: Any
) -> None:
    _user, client = role_client(role)
    token = _mint(client)
    # Roles without a device have no two-factor session to mint from: their token is password-only.
    assert token["two_factor"] is (ROLE_LEVELS[role] != PASSWORD_ONLY_LEVELS)
    seen, answers = _sweep(token["token"])
    _expect(role, set(ROLE_LEVELS[role]), seen, answers)


def test_anonymous_callers_get_public_documents_and_no_token(demo_content: Any, demo: Any) -> None:
    client = Client()
    assert (
        client.post(
            "/api/v1/me/tokens", json.dumps({"name": "x"}), content_type="application/json"
        ).status_code
        == 401
    )
    seen = set(CANARY.findall(client.get("/api/v1/documents?q=GCCANARY").content.decode()))
    assert seen == allowed_canaries("anonymous") & set(DOC_CANARIES)
    assert client.get("/api/v1/meetings").json() == []
