"""The one module that imports the engine: database rows in, engine dataclasses and frames out.

The ruleset is compiled once per data release and cached in the process (and written to
var/ruleset/current.ruleset by `greencustoms ruleset build`, which the CLI reads without Django).
Restricted indicators are never part of the cached ruleset: they are passed per screening run, and
only for users the policy lets see them.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings

from greencustoms.agreements import selectors as agreements
from greencustoms.agreements.models import ControlledItem as ItemRow
from greencustoms.agreements.models import Country, Party
from greencustoms.engine import (
    MONTREAL_REQUIREMENTS,
    Agreement,
    ColumnMapping,
    ControlledItem,
    HsCode,
    InputLimits,
    InputReader,
    Name,
    PartyCoverage,
    PartyStatus,
    ReferenceData,
    RiskIndicator,
    Ruleset,
    Screened,
    compile_ruleset,
    load_reference_csv,
    load_ruleset,
    read_input,
    save_ruleset,
    screen_batches,
    screen_lines,
)
from greencustoms.engine import EngineError as EngineError
from greencustoms.engine import InputError as InputError
from greencustoms.engine import LimitExceededError as LimitExceededError
from greencustoms.engine import MissingColumnsError as MissingColumnsError
from greencustoms.engine import TableWriter as TableWriter
from greencustoms.engine import add_hits as add_hits
from greencustoms.engine import check_input as _check_input
from greencustoms.engine.columns import (
    ERROR_SCHEMA,
    HIT_COLUMNS,
    HIT_SCHEMA,
    INPUT_COLUMNS,
    LINE_COLUMNS,
    LINE_SCHEMA,
    RULE_LABELS,
    VERDICTS,
)
from greencustoms.engine.columns import REQUIRED_COLUMNS as REQUIRED_COLUMNS
from greencustoms.engine.errors import MappingError as MappingError

__all__ = [
    "ERROR_SCHEMA",
    "REQUIRED_COLUMNS",
    "ColumnMapping",
    "MissingColumnsError",
    "TableWriter",
    "add_hits",
    "read_input",
    "HIT_COLUMNS",
    "HIT_SCHEMA",
    "INPUT_COLUMNS",
    "LINE_COLUMNS",
    "LINE_SCHEMA",
    "RULE_LABELS",
    "VERDICTS",
    "EngineError",
    "InputError",
    "LimitExceededError",
    "MappingError",
    "build_ruleset",
    "check_upload",
    "current_ruleset",
    "forget_ruleset",
    "indicators_for_engine",
    "input_limits",
    "open_input",
    "ruleset_path",
    "screen_chunks",
    "screen_chunks_with_lines",
    "screen_rows",
]

_CACHE: dict[str, Any] = {"release": None, "ruleset": None}
_LOCK = threading.Lock()


def ruleset_path() -> Path:
    return Path(settings.VAR_DIR) / "ruleset" / "current.ruleset"


def _release_id() -> str | None:
    release = agreements.current_release()
    return f"release-{release.number}-{release.checksum[:12]}" if release else None


def reference_from_database() -> ReferenceData | None:
    """Engine dataclasses from the agreements app's rows (None when no data release is imported)."""
    release = _release_id()
    if release is None:
        return None
    data = agreements.controlled_items_for_ruleset()
    names: dict[tuple[str, str], list[Name]] = defaultdict(list)
    for row in data["synonyms"]:
        names[(row["agreement"], row["item_id"])].append(
            Name(row["synonym"], row["lang"] or "xx", row["kind"])
        )
    codes: dict[tuple[str, str], list[HsCode]] = defaultdict(list)
    for row in data["hs_codes"]:
        codes[(row["agreement"], row["item_id"])].append(
            HsCode(row["edition"], row["hs_code"], bool(row["ex"]))
        )
    # the legal state of each listing (status, decision, dates): screening answers for a date
    state = {
        (slug, item_id): {
            "status": status,
            "decision": decision,
            "entry_into_force": _iso(eif),
            "deleted_on": _iso(deleted),
        }
        for slug, item_id, status, decision, eif, deleted in ItemRow.objects.values_list(
            "agreement__slug", "item_id", "status", "decision", "entry_into_force", "deleted_on"
        )
    }
    items = tuple(
        ControlledItem(
            agreement=row["agreement"],
            item_id=row["item_id"],
            name=row["name"],
            kind=row["kind"],
            listing=row["listing"],
            names=tuple(names.get((row["agreement"], row["item_id"]), ())),
            cas=tuple(row["cas"]),
            hs_codes=tuple(codes.get((row["agreement"], row["item_id"]), ())),
            controls=tuple(row["controls"]),
            documents=tuple(row["documents"]),
            **state.get((row["agreement"], row["item_id"]), {}),
        )
        for row in data["items"]
    )
    agreement_rows = tuple(
        Agreement(a.slug, a.short_name or a.name, a.restricts_non_party_trade)
        for a in agreements.agreement_list()
    )
    # the dates a party list is known for (as_of, parties/coverage.csv) are not in the database: they are
    # read from the data folder the release came from; without them no non-Party statement is made
    dated, coverage, sources = _party_dates()
    parties = tuple(
        PartyStatus(
            instrument,
            iso2,
            status,
            action=action,
            date=_iso(date),
            in_force=_iso(in_force),
            source=source,
            as_of=dated.get((instrument, iso2.upper()), ""),
        )
        for instrument, iso2, status, action, date, in_force, source in Party.objects.values_list(
            "instrument", "country__iso2", "status", "action", "date", "in_force", "source__key"
        )
    )
    countries: dict[str, str] = {}
    for iso2, iso3 in Country.objects.values_list("iso2", "iso3"):
        countries[iso2.upper()] = iso2.upper()
        if iso3:
            countries[iso3.upper()] = iso2.upper()
    return ReferenceData(
        items=items,
        agreements=agreement_rows,
        parties=parties,
        requirements=MONTREAL_REQUIREMENTS,
        countries=countries,
        release=release,
        coverage=coverage,
        sources=sources,
    )


def _iso(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value or "")


def _party_dates() -> tuple[dict[tuple[str, str], str], tuple[PartyCoverage, ...], dict[str, str]]:
    """What the database does not hold about party facts, from the data folder (settings.DATA_DIR):
    (instrument, country) -> as_of of parties.csv, the coverage of each party list, the source titles.
    Empty when the folder cannot be read: then no non-Party statement is made (none without its date)."""
    try:
        folder = load_reference_csv(settings.DATA_DIR)
    except EngineError:
        return {}, (), {}
    dated = {(p.instrument, p.country.upper()): p.as_of for p in folder.parties if p.as_of}
    return dated, folder.coverage, folder.sources


def build_ruleset(*, save: bool = True) -> Ruleset:
    """Compile the ruleset of the current data release (or of data/ when none is imported) and save it."""
    reference = reference_from_database()
    if reference is None:
        reference = load_reference_csv(settings.DATA_DIR)
    ruleset = compile_ruleset(reference)
    if save:
        save_ruleset(ruleset, ruleset_path())
    with _LOCK:
        _CACHE.update(release=ruleset.release, ruleset=ruleset)
    return ruleset


def current_ruleset() -> Ruleset:
    """The ruleset of the current data release, compiled once per release and process."""
    release = _release_id()
    with _LOCK:
        cached = _CACHE["ruleset"]
        if cached is not None and (release is None or _CACHE["release"] == release):
            return cached  # type: ignore[no-any-return]
    path = ruleset_path()
    if path.is_file():
        try:
            saved = load_ruleset(path)
        except EngineError:
            saved = None
        if saved is not None and (release is None or saved.release == release):
            with _LOCK:
                _CACHE.update(release=saved.release, ruleset=saved)
            return saved
    return build_ruleset(save=release is not None)


def forget_ruleset() -> None:
    with _LOCK:
        _CACHE.update(release=None, ruleset=None)


def indicators_for_engine(rows: Iterable[Any]) -> list[RiskIndicator]:
    """Engine indicators from RiskIndicator rows (the caller has already applied the access policy)."""
    return [
        RiskIndicator(
            id=f"ri-{row.pk}",
            title=row.title,
            hs_prefixes=tuple(row.hs_prefixes),
            keywords=tuple(row.keywords),
            countries=tuple(row.countries),
            severity=row.severity,
            agreement=row.agreement,
            document=row.document,
        )
        for row in rows
    ]


def input_limits() -> InputLimits:
    """The reader limits of the settings (SCREENING_MAX_UNCOMPRESSED_BYTES, …; 0 switches one off)."""
    return InputLimits(
        max_uncompressed_bytes=settings.SCREENING_MAX_UNCOMPRESSED_BYTES or None,
        max_compression_ratio=settings.SCREENING_MAX_COMPRESSION_RATIO or None,
    )


def check_upload(upload: Any) -> int:
    """Bytes an uploaded file expands to (zip/XLSX and Parquet measured without decompressing them);
    LimitExceededError when it would expand beyond the limits, before it is stored or queued."""
    path = getattr(upload, "temporary_file_path", None)
    source = path() if callable(path) else upload.file
    try:
        return _check_input(source, limits=input_limits(), name=Path(upload.name or "upload").name)
    finally:
        upload.seek(0)


def open_input(path: Path, mapping: dict[str, str], *, format: str | None = None) -> InputReader:
    columns = ColumnMapping.from_pairs([f"{k}={v}" for k, v in mapping.items()]) if mapping else None
    return read_input(path, mapping=columns, format=format, limits=input_limits())


def screen_chunks(
    reader: InputReader, *, edition: str, indicators: list[RiskIndicator], at: dt.date | None = None
) -> Iterator[tuple[pl.DataFrame, pl.DataFrame]]:
    """(hits, rejected records) per chunk of the input."""
    for hits, _lines, errors in screen_chunks_with_lines(
        reader, edition=edition, indicators=indicators, at=at
    ):
        yield hits, errors


#: Hits found after screening from what the platform holds (the licences of the licensing app): called as
#: ``extra(input_frame, hits)`` and returning hits with the contract's columns.
ExtraHits = Callable[[pl.DataFrame, pl.DataFrame], pl.DataFrame]


def screen_chunks_with_lines(
    reader: InputReader,
    *,
    edition: str,
    indicators: list[RiskIndicator],
    at: dt.date | None = None,
    extra: ExtraHits | None = None,
) -> Iterator[tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]]:
    """(hits, lines with their verdicts, rejected records) per chunk; `at` is the date screened for where a
    line has no date (the upload date); `extra` adds later hits (licence checks) and judges their lines again."""
    ruleset = current_ruleset()
    for chunk in reader.chunks(prefetch=2):
        screened = next(
            iter(screen_batches(chunk.batch, ruleset, edition=edition, indicators=indicators, at=at))
        )
        hits, lines = screened.hits, screened.lines
        if extra is not None:
            hits, lines = add_hits(hits, lines, extra(chunk.batch, hits))
        yield hits, lines, chunk.errors


def screen_rows(
    rows: list[dict[str, Any]], *, edition: str, indicators: list[RiskIndicator], at: dt.date | None = None
) -> Screened:
    """Screen JSON lines given as dicts of the standard input columns (synchronous API): hits and lines."""
    frame = pl.DataFrame(
        {name: [None if r.get(name) is None else str(r.get(name)) for r in rows] for name in INPUT_COLUMNS},
        schema=dict.fromkeys(INPUT_COLUMNS, pl.String),
    )
    frame = frame.with_columns(pl.col("hs_code").str.replace_all(r"[.\s\-/]", ""))
    return screen_lines(frame, current_ruleset(), edition=edition, indicators=indicators, at=at)
