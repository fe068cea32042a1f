"""Shared API schema bases."""

from ninja import Schema
from pydantic import ConfigDict


class StrictSchema(Schema):
    """Input schema that rejects unknown fields: a typo in a field name is a 422, not a silent 200."""

    model_config = ConfigDict(extra="forbid")


class ErrorOut(Schema):
    detail: str
