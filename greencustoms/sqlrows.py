"""Model instances from hand-written SQL, for the few queries that every signed-in request runs.

Compiling a queryset costs more Python than running it: about 0.35 ms for ``User.objects.get(pk=…)``
and 0.65 ms for the lesson page's three-table enrolment join, against 0.2 ms for the round trip. The
session, the user and the enrolment are read on every lesson page (and a quarter of them record a
step), so those statements are written out once per database vendor from the models' meta, and rows
become ordinary model instances with the database's own converters, exactly as the ORM builds them
(tests compare every field with the ORM's result on SQLite and PostgreSQL). Everything else keeps
using the ORM.
"""

from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast
from weakref import WeakKeyDictionary

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

M = TypeVar("M", bound=models.Model)
S = TypeVar("S", str, tuple[str, ...])

Converter = Callable[[Any, Any, BaseDatabaseWrapper], Any]
# Per connection (each thread has its own), per model: attnames and, for the columns that need
# them, the backend's and the field's converters with the column expression they are called with.
_readers: "WeakKeyDictionary[BaseDatabaseWrapper, dict[type[models.Model], _Reader]]" = WeakKeyDictionary()


class _Reader:
    __slots__ = ("converters", "names", "width")

    def __init__(self, model: type[models.Model], connection: BaseDatabaseWrapper) -> None:
        fields = model._meta.concrete_fields
        self.names = [f.attname for f in fields]
        self.width = len(fields)
        self.converters: list[tuple[int, list[Converter], Any]] = []
        for i, field in enumerate(fields):
            col = field.get_col(model._meta.db_table)
            funcs = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if funcs:
                self.converters.append((i, funcs, col))


def _reader(model: type[models.Model], connection: BaseDatabaseWrapper) -> _Reader:
    per_model = _readers.setdefault(connection, {})
    reader = per_model.get(model)
    if reader is None:
        reader = per_model[model] = _Reader(model, connection)
    return reader


_statements: dict[tuple[str, str], Any] = {}


def statement(name: str, connection: BaseDatabaseWrapper, build: Callable[[BaseDatabaseWrapper], S]) -> S:
    """The SQL (one statement or several) that build() writes for this database vendor, once per process."""
    key = (name, connection.vendor)
    sql = _statements.get(key)
    if sql is None:
        sql = _statements[key] = build(connection)
    return cast(S, sql)


def table(model: type[models.Model], connection: BaseDatabaseWrapper) -> str:
    """The model's table name, quoted for this database."""
    return connection.ops.quote_name(model._meta.db_table)


def column(model: type[models.Model], field: str, connection: BaseDatabaseWrapper) -> str:
    """The column of a model's field (a foreign key's ``…_id``), quoted for this database."""
    return connection.ops.quote_name(model._meta.get_field(field).column)  # type: ignore[union-attr]


def columns(model: type[models.Model], alias: str, connection: BaseDatabaseWrapper) -> str:
    """The model's concrete columns, qualified by the table alias, in the order `instance` reads them."""
    qn = connection.ops.quote_name
    return ", ".join(f"{qn(alias)}.{qn(f.column)}" for f in model._meta.concrete_fields)


def width(model: type[models.Model]) -> int:
    """How many columns `columns` selects for the model."""
    return len(model._meta.concrete_fields)


def instance(model: type[M], row: Sequence[Any], start: int, connection: BaseDatabaseWrapper) -> M:
    """The model instance held in row[start:start + width(model)], converted as the ORM converts it."""
    reader = _reader(model, connection)
    values = list(row[start : start + reader.width])
    for i, funcs, col in reader.converters:
        value = values[i]
        for func in funcs:
            value = func(value, col, connection)
        values[i] = value
    return model.from_db(connection.alias, reader.names, values)


def prep(model: type[models.Model], field: str, value: Any, connection: BaseDatabaseWrapper) -> Any:
    """A value as the ORM would pass it to the database for a lookup on this field."""
    return model._meta.get_field(field).get_db_prep_value(value, connection)  # type: ignore[union-attr]
