"""The upload form's check before a job is queued: the file's type, then its header and first lines read
by the engine's own reader (through its public ``read_input``), so that a file the engine cannot read, or
whose columns cannot be mapped, is refused on the form in the form's words, and the person sees the first
lines as the job will read them.
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from greencustoms.screening.engine_adapter import (
    INPUT_COLUMNS,
    REQUIRED_COLUMNS,
    ColumnMapping,
    InputError,
    LimitExceededError,
    MappingError,
    MissingColumnsError,
    input_limits,
    read_input,
)

#: File endings the form accepts, with the format the engine reads them as.
ACCEPTED = {
    ".csv": "CSV",
    ".tsv": "TSV",
    ".tab": "TSV",
    ".xlsx": "Excel",
    ".parquet": "Parquet",
    ".pq": "Parquet",
    ".xml": "ASYCUDA SAD XML",
    ".jsonl": "JSON lines",
    ".ndjson": "JSON lines",
    ".json": "JSON lines",
}
#: Lines shown in the preview.
PREVIEW_LINES = 5


class PrecheckError(Exception):
    """The file cannot be screened; the message is for the form, in its words."""


@dataclass
class Preview:
    """The first lines of a file as the job will read them (standard columns), and the lines refused."""

    format: str
    columns: list[str]
    rows: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)


def column_words() -> dict[str, str]:
    """The standard column names with the words the form uses for them."""
    return {
        "declaration_id": _("declaration number"),
        "line_no": _("line number"),
        "hs_code": _("HS code"),
        "description": _("description of the goods"),
        "origin": _("country of origin"),
        "destination": _("country of destination"),
        "quantity": _("quantity"),
        "unit": _("unit"),
        "value": _("value"),
    }


def _local_copy(upload: Any, folder: Path) -> Path:
    name = Path(upload.name or "upload").name
    target = folder / (name[-200:] or "upload")  # the engine's messages name the file as the person knows it
    path = getattr(upload, "temporary_file_path", None)
    if callable(path):
        return Path(path())
    upload.seek(0)
    with target.open("wb") as fh:
        for piece in upload.chunks():
            fh.write(piece)
    upload.seek(0)
    return target


def preview(upload: Any, mapping: dict[str, str]) -> Preview:
    """Check the type and read the first lines; :class:`PrecheckError` with the form's words if unusable."""
    name = Path(upload.name or "upload").name
    suffix = Path(name).suffix.lower()
    if suffix not in ACCEPTED:
        raise PrecheckError(
            _(
                "Files ending in “%(suffix)s” cannot be screened. Save the declarations as CSV (.csv), "
                "Excel (.xlsx), TSV, Parquet, ASYCUDA SAD XML or JSON lines, or start from the template below."
            )
            % {"suffix": suffix or name}
        )
    folder = Path(tempfile.mkdtemp(prefix="gc-precheck-"))
    try:
        path = _local_copy(upload, folder)
        columns = ColumnMapping.from_pairs([f"{k}={v}" for k, v in mapping.items()]) if mapping else None
        try:
            reader = read_input(path, mapping=columns, batch_size=PREVIEW_LINES, limits=input_limits())
            first = next(iter(reader.chunks()), None)
        except MissingColumnsError as exc:
            words = column_words()
            missing = [words.get(n, n) for n in REQUIRED_COLUMNS if (mapping.get(n) or n) in exc.missing]
            raise PrecheckError(
                _(
                    "The file has no column for: %(missing)s. Its columns are: %(found)s. If the file names "
                    "them differently, say which is which in “Column mapping”, one per line, e.g. "
                    "hs_code=Tariff code."
                )
                % {
                    "missing": ", ".join(missing or exc.missing),
                    "found": ", ".join(f"“{h}”" for h in exc.found[:20]) or _("none"),
                }
            ) from exc
        except LimitExceededError as exc:
            raise PrecheckError(_("This file cannot be screened: %(reason)s.") % {"reason": exc}) from exc
        except MappingError as exc:
            raise PrecheckError(
                _("“Column mapping” names a column that is not one of: %(names)s.")
                % {"names": ", ".join(INPUT_COLUMNS)}
            ) from exc
        except InputError as exc:
            raise PrecheckError(
                _(
                    "This file cannot be read as %(format)s. Check that it was saved in that format, or start "
                    "from the template below."
                )
                % {"format": ACCEPTED[suffix]}
            ) from exc
        if first is None:
            raise PrecheckError(_("The file has a header but no declaration lines."))
        return Preview(
            format=ACCEPTED[suffix],
            columns=list(INPUT_COLUMNS),
            rows=first.batch.select(INPUT_COLUMNS).head(PREVIEW_LINES).to_dicts(),
            rejected=first.errors.head(PREVIEW_LINES).to_dicts(),
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
