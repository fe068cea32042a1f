"""Reading translations: the text to show in a language (with English fallback) and what is left to do."""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max

from greencustoms.translations import registry
from greencustoms.translations.models import Translation


class State(str):
    """The state of a text in a language; templates ask its properties, never compare strings."""

    __slots__ = ()

    @property
    def is_missing(self) -> bool:
        return self == "missing"

    @property
    def is_outdated(self) -> bool:
        return self == "outdated"

    @property
    def is_translated(self) -> bool:
        return self == "translated"


MISSING = State("missing")
OUTDATED = State("outdated")
DONE = State("translated")
ENGLISH = State("source")

#: How long a process trusts its copy of a language's translations before asking the database whether
#: anything changed (one small aggregate query); a save in this process forgets the copy at once.
RECHECK_SECONDS = 2.0

_lock = threading.Lock()
_tables: dict[str, tuple[float, tuple[Any, int], dict[str, Any]]] = {}


def forget(language: str | None = None) -> None:
    with _lock:
        if language is None:
            _tables.clear()
        else:
            _tables.pop(language, None)


def _table(language: str) -> dict[str, Any]:
    """``{"rows": {(kind, key, field): (text, source_hash)}, "memory": {(kind, field, source_hash): text}}``."""
    now = time.monotonic()
    cached = _tables.get(language)
    if cached is not None and now - cached[0] < RECHECK_SECONDS:
        return cached[2]
    agg = Translation.objects.filter(language=language).aggregate(m=Max("updated_at"), n=Count("id"))
    stamp = (agg["m"], agg["n"])
    if cached is not None and cached[1] == stamp:
        with _lock:
            _tables[language] = (now, stamp, cached[2])
        return cached[2]
    rows: dict[tuple[str, str, str], tuple[str, str]] = {}
    memory: dict[tuple[str, str, str], str] = {}
    for kind, key, field, text, source_hash in Translation.objects.filter(language=language).values_list(
        "kind", "key", "field", "text", "source_hash"
    ):
        rows[(kind, key, field)] = (text, source_hash)
        memory.setdefault((kind, field, source_hash), text)
    table = {"rows": rows, "memory": memory}
    with _lock:
        _tables[language] = (now, stamp, table)
    return table


def generation(language: str) -> str:
    """Changes whenever a translation into ``language`` changes: part of the cache keys of rendered content."""
    agg = Translation.objects.filter(language=language).aggregate(m=Max("updated_at"), n=Count("id"))
    return f"{agg['n']}-{agg['m'].timestamp() if agg['m'] else 0}"


@dataclass(frozen=True)
class Shown:
    """What a page shows for one field: the text, its language and its state."""

    text: str
    language: str
    state: (
        str  # source (English asked), translated, outdated (English changed since), missing (English shown)
    )

    @property
    def is_fallback(self) -> bool:
        return self.state == MISSING

    @property
    def is_outdated(self) -> bool:
        return self.state == OUTDATED

    def __str__(self) -> str:
        return self.text


def lookup(*, kind: registry.Kind, key: str, field: str, english: str, language: str) -> Shown:
    """The text of ``field`` in ``language``; English (state ``missing``) when nobody translated it yet.

    A translation made of another English than today's is shown with state ``outdated``. A text with no
    translation of its own takes the translation of the same English text of the same kind and field (a new
    e-learning version copies unchanged lessons into new rows: the translation memory)."""
    language = (language or "en").split("-")[0]
    if language == registry.SOURCE_LANGUAGE or language not in registry.LANGUAGES or not english.strip():
        return Shown(english, registry.SOURCE_LANGUAGE, ENGLISH)
    table = _table(language)
    current = registry.text_hash(english)
    row = table["rows"].get((kind.name, key, field))
    if row is not None and row[1] == current:
        return Shown(row[0], language, DONE)
    remembered = table["memory"].get((kind.name, field, current))
    if remembered is not None:
        return Shown(remembered, language, DONE)
    if row is not None:
        return Shown(row[0], language, OUTDATED)
    return Shown(english, registry.SOURCE_LANGUAGE, MISSING)


def translated(obj: Any, field: str, language: str) -> Shown:
    """``translated(lesson, "title", "fr")``: the field of a registered model object in a language."""
    kind = registry.kind_of(obj)
    english = str(getattr(obj, field, "") or "")
    if kind is None or field not in kind.fields:
        return Shown(english, registry.SOURCE_LANGUAGE, ENGLISH)
    return lookup(kind=kind, key=kind.key_of(obj), field=field, english=english, language=language)


def document_text(text: str, language: str) -> Shown:
    """A required-document text of the reference data in a language."""
    kind = registry.KINDS["agreements.document"]
    return lookup(kind=kind, key=kind.key_of(text), field="text", english=text, language=language)


@dataclass(frozen=True)
class Entry:
    source: registry.Source
    state: str
    text: str  # the translation ("" when missing)
    translated_from: str  # the English the translation was made of (when outdated)


def status(*, language: str, by: Any, kind: str = "", state: str = "") -> dict[str, Any]:
    """What is translated, outdated or missing in ``language``, per kind (the translators' page)."""
    rows = {
        (t.kind, t.key, t.field): t
        for t in Translation.objects.filter(language=language).only(
            "kind", "key", "field", "text", "source_hash", "source_text"
        )
    }
    kinds = []
    totals: Counter[str] = Counter()
    for k in registry.KINDS.values():
        if kind and k.name != kind:
            continue
        counts: Counter[str] = Counter()
        entries = []
        for _obj, src in registry.sources(k, by):
            shown = lookup(kind=k, key=src.key, field=src.field, english=src.text, language=language)
            row = rows.get((src.kind, src.key, src.field))
            counts[shown.state] += 1
            if state and shown.state != state:
                continue
            entries.append(
                Entry(
                    src,
                    shown.state,
                    shown.text if shown.state in (DONE, OUTDATED) else "",
                    row.source_text if (row is not None and shown.state == OUTDATED) else "",
                )
            )
        totals.update(counts)
        kinds.append({"kind": k, "counts": dict(counts), "entries": entries})
    return {"language": language, "kinds": kinds, "totals": dict(totals)}


def fields_of(*, kind: registry.Kind, obj: Any, language: str) -> list[dict[str, Any]]:
    """Each field of one object: English, translation, state, the English translated (the edit form)."""
    key = kind.key_of(obj)
    saved = {t.field: t for t in Translation.objects.filter(kind=kind.name, key=key, language=language)}
    out = []
    for name in kind.fields:
        english = kind.english(obj, name)
        shown = lookup(kind=kind, key=key, field=name, english=english, language=language)
        row = saved.get(name)
        out.append(
            {
                "field": name,
                "english": english,
                "state": shown.state,
                "text": shown.text if shown.state in (DONE, OUTDATED) else "",
                "translated_from": row.source_text if row is not None else "",
                "html": name in kind.html,
                "markdown": name in kind.markdown,
            }
        )
    return out
