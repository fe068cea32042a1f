"""The whole API fuzzed from its own OpenAPI document, anonymously and with a token of each demo role.

Schemathesis generates valid and invalid requests for every operation (a bounded, derandomized budget so
the run is the same in CI every time) and checks each answer: never a 5xx, only declared status codes and
content types, bodies that match the declared schemas, and every 4xx naming the problem in ``detail``.
"""

import json
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.config import SchemathesisConfig

pytestmark = [pytest.mark.fuzz, pytest.mark.django_db]

# The demo accounts, one per role (DESIGN.md); None is the anonymous caller.
ROLES = {
    "anonymous": None,
    "officer": "officer@example.org",
    "enforcement": "enforcement@example.org",
    "trainer": "trainer@example.org",
    "partner": "partner@example.org",
    "secretariat": "secretariat@example.org",
}

# Examples per operation, role and mode. 121 tests took 376 s of calls on two cores shared by a load of ~14
# (idle time not measured); lower this, not the roles, if the budget of about three minutes is exceeded.
MAX_EXAMPLES = 12

CONFIG = {
    "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "mode": "all"},
}


def problem_named_in_detail(ctx: Any, response: Any, case: Any) -> bool | None:
    """Every 4xx JSON body has a non-empty ``detail``: a sentence, or a list of problems each naming its field."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/json"), (
        f"{response.status_code} in {content_type!r}, not JSON"
    )
    body = response.json()
    detail = body.get("detail") if isinstance(body, dict) else None
    if isinstance(detail, str):
        assert detail.strip(), f"{response.status_code}: empty detail"
        return True
    assert isinstance(detail, list) and detail, f"{response.status_code}: no detail in {body!r}"
    for problem in detail:
        assert problem.get("field") and problem.get("message"), f"{response.status_code}: unnamed {problem!r}"
    return True


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    problem_named_in_detail,
]


@pytest.fixture(scope="module")
def demo_site(django_db_setup: Any, django_db_blocker: Any) -> Iterator[dict[str, str | None]]:
    """Reference and demo data, and one token per demo account minted as `greencustoms token create`
    does; all rolled back when the module ends (each test runs in a savepoint inside)."""
    from greencustoms.bootstrap import _run_hooks

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            _run_hooks("reference", stdout=StringIO())
            _run_hooks("demo", stdout=StringIO())
            tokens: dict[str, str | None] = {}
            for role, email in ROLES.items():
                if email is None:
                    tokens[role] = None
                    continue
                out = StringIO()
                call_command("token", "create", email, "--name", "fuzz", stdout=out)
                tokens[role] = out.getvalue().strip()
            yield tokens
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def _schema() -> Any:
    """The OpenAPI document as /api/v1/openapi.json serves it; the app answers the requests in-process."""
    from greencustoms.api.api import api

    document = json.loads(json.dumps(api.get_openapi_schema(), cls=DjangoJSONEncoder))
    loaded = schemathesis.openapi.from_dict(document, config=SchemathesisConfig.from_dict(CONFIG))
    loaded.app = WSGIHandler()
    return loaded


schema = _schema()


@pytest.fixture(scope="module")
def _requests_keep_the_connection() -> Iterator[None]:
    """As Django's test client does: a request must not close the connection holding the test transaction."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.usefixtures("_requests_keep_the_connection")
@pytest.mark.parametrize("role", list(ROLES))
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_every_request_as_declared(
    case: Any, role: str, demo_site: dict[str, str | None]
) -> None:
    token = demo_site[role]
    headers = {"Authorization": f"Bearer {token}"} if token else None
    case.call_and_validate(headers=headers, checks=CHECKS)


def test_the_served_document_is_valid_openapi(client: Any) -> None:
    """The document itself is checked against the OpenAPI meta-schema, as served."""
    served = client.get("/api/v1/openapi.json")
    assert served.status_code == 200
    schemathesis.openapi.from_dict(served.json()).validate()
    assert served.json() == schema.raw_schema
