"""The JSON API at /api/v1/: one Django Ninja router per app, mounted automatically.

Each operation declares its own answers in its ``response=`` map; the answers that any operation can give,
whoever wrote it, are added to the document here: 401 (the token middleware refuses a malformed or unknown
``Authorization`` header on every path), 403 on unsafe methods (a session call without the CSRF token),
400 and 413 wherever there is a body (unreadable; larger than DATA_UPLOAD_MAX_MEMORY_SIZE) and 422 wherever
there is input to validate (every operation: a NUL character in any query parameter is a 422 too).
"""

from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.openapi.schema import OpenAPISchema
from ninja.parser import Parser

from greencustoms.api.schemas import ErrorOut, ValidationErrorOut

UNSAFE_METHODS = {"post", "put", "patch", "delete"}
SHARED_ANSWERS = {
    "400": (ErrorOut, "The body cannot be read: not valid JSON, or not the declared encoding."),
    "401": (
        ErrorOut,
        "The Authorization header is not `Bearer <token>`, or the token is unknown or revoked.",
    ),
    "403": (ErrorOut, "A session call to an unsafe method without the CSRF token."),
    "413": (ErrorOut, "The body is larger than the server accepts."),
    "422": (
        ValidationErrorOut,
        "The input does not match the declared schema; each problem names its field.",
    ),
}


def _declare_shared_answers(document: dict[str, Any]) -> None:
    """Add the answers every operation can give to each operation of the document (never replacing one)."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorOut, ValidationErrorOut):
        definition = model.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas.update(definition.pop("$defs", {}))
        schemas.setdefault(model.__name__, definition)
    for path in document.get("paths", {}).values():
        for method, operation in path.items():
            answers = ["401"]
            if method in UNSAFE_METHODS:
                answers.append("403")
            if operation.get("requestBody"):
                answers += ["400", "413"]
            # Every operation: a NUL character in any query parameter is refused before the handler.
            answers.append("422")
            for status in answers:
                model, description = SHARED_ANSWERS[status]
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {
                            "application/json": {"schema": {"$ref": f"#/components/schemas/{model.__name__}"}}
                        },
                    },
                )


class NulInBody(ValueError):
    """A JSON string holds a NUL character, which PostgreSQL text cannot store or compare."""


def _refuse_nul(value: Any, where: str) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise NulInBody(f"{where or 'the body'} contains a NUL character (\\u0000), which no text can hold")
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul(key, where)
            _refuse_nul(item, f"{where}.{key}".lstrip("."))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_nul(item, f"{where}.{index}".lstrip("."))


class JsonParser(Parser):
    """Ninja's JSON parser, refusing NUL characters (an error 500 on PostgreSQL otherwise)."""

    def parse_body(self, request: HttpRequest) -> Any:
        data = super().parse_body(request)
        _refuse_nul(data, "")
        return data


class GreenCustomsAPI(NinjaAPI):
    """The Ninja API whose OpenAPI document also declares the answers shared by every operation."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        _declare_shared_answers(document)
        return document


api = GreenCustomsAPI(
    title="Green Customs API",
    version="1",
    description=(
        "Reference data on the trade controls of environmental agreements, declaration screening, "
        "documents, meetings and e-learning. Authenticate with a session or `Authorization: Bearer <token>` "
        "(create tokens on your profile page or with `greencustoms token create EMAIL`). The same access "
        "policy applies as on the website."
    ),
    urls_namespace="api",
    parser=JsonParser(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(ValidationError)
def _validation_error(request, exc):  # type: ignore[no-untyped-def]
    """422 with every problem named by its field path (``body`` when the whole body is the problem)."""
    errors = [
        {
            "field": ".".join(str(p) for p in e.get("loc", ()) if p not in ("body", "payload")) or "body",
            "message": e.get("msg") or "invalid",
        }
        for e in exc.errors
    ] or [{"field": "body", "message": "invalid input"}]
    return api.create_response(request, {"detail": errors}, status=422)


@api.exception_handler(HttpError)
def _http_error(request, exc):  # type: ignore[no-untyped-def]
    """Ninja's own errors, with an unreadable body named as such (Ninja says only "Cannot parse")."""
    detail = str(exc)
    if exc.status_code == 400 and isinstance(exc.__cause__, NulInBody):
        detail = f"body: {exc.__cause__}"
    elif exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
        detail = f"body: not valid JSON ({exc.__cause__})"
    return api.create_response(request, {"detail": detail}, status=exc.status_code)


@api.exception_handler(RequestDataTooBig)
def _too_big(request, exc):  # type: ignore[no-untyped-def]
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 2**20
    return api.create_response(request, {"detail": f"body: larger than {limit} MB"}, status=413)


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
