"""The JSON API at /api/v1/: one Django Ninja router per app, mounted automatically."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.schema import OpenAPISchema

api = NinjaAPI(
    title="Green Customs API",
    version="1",
    description=(
        "Reference data on the trade controls of environmental agreements, declaration screening, "
        "documents, meetings and e-learning. Authenticate with a session or `Authorization: Bearer <token>` "
        "(create tokens on your profile page or with `greencustoms token create EMAIL`). The same access "
        "policy applies as on the website."
    ),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):  # type: ignore[no-untyped-def]
    """422 with every problem named by its field path."""
    errors = [
        {
            "field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "payload")),
            "message": e.get("msg"),
        }
        for e in exc.errors
    ]
    return api.create_response(request, {"detail": errors}, status=422)


def _mount_app_routers() -> None:
    for config in apps.get_app_configs():
        if not config.name.startswith("greencustoms.") or config.name == "greencustoms.api":
            continue
        module_name = f"{config.name}.api"
        if find_spec(module_name) is None:
            continue
        router = getattr(import_module(module_name), "router", None)
        if router is not None:
            api.add_router("", router)


_mount_app_routers()

_OUTAGE_RESPONSE = {
    "description": "Temporarily unavailable (database outage or full disk); retry after the Retry-After header.",
    "headers": {"Retry-After": {"description": "seconds to wait", "schema": {"type": "integer"}}},
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}, "code": {"type": "string"}},
                "required": ["detail", "code"],
            }
        }
    },
}
_schema_of_routes = api.get_openapi_schema


def _schema_with_outage(**kwargs):  # type: ignore[no-untyped-def]
    """Every operation may answer 503 (greencustoms.website.outage): declared on all of them."""
    schema = _schema_of_routes(**kwargs)
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            if isinstance(operation, dict) and "responses" in operation:
                operation["responses"].setdefault(503, _OUTAGE_RESPONSE)
    return schema


api.get_openapi_schema = _schema_with_outage  # type: ignore[method-assign]

__all__ = ["OpenAPISchema", "api"]
