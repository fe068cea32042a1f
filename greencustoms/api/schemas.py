"""Shared API schema bases, and the two shapes of every refusal (4xx): one sentence, or a list of fields."""

from collections.abc import Iterable
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import ConfigDict, WithJsonSchema


class StrictSchema(Schema):
    """Input schema that rejects unknown fields: a typo in a field name is a 422, not a silent 200."""

    model_config = ConfigDict(extra="forbid")


def one_of(values: Iterable[str]) -> Any:
    """A string declared in the document as an enum of ``values``; handlers still validate it themselves
    (so that a lower-case ``hs2017`` keeps working, and an unknown value keeps its own error message)."""
    return Annotated[str, WithJsonSchema({"type": "string", "enum": list(values)})]


class ErrorOut(Schema):
    """A refusal in one sentence naming the field or the reason (every 4xx except 422)."""

    detail: str


class FieldProblem(Schema):
    field: str = Field(
        min_length=1,
        description="where the problem is: `query.edition`, `path.job_id`, `lines.3.hs_code`, `body`, …",
    )
    message: str = Field(min_length=1)


class ValidationErrorOut(Schema):
    """A 422: the input does not match the declared schema; each problem names its field."""

    detail: list[FieldProblem] = Field(min_length=1)
