"""Read the demo data transcribed from the reports: ``greencustoms/<app>/data/demo/<name>.yaml``.

The apps' ``demo.py`` keep the logic (what to create, idempotently); the transcribed lists live in these
files, each with a header saying where its content comes from and what is invented (DEMO DATA). YAML's
safe loader reads ``2007-11-20`` as a date; times are written ``"09:30"`` and read with :func:`as_time`.
"""

from __future__ import annotations

from datetime import time
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PACKAGE_DIR = Path(__file__).resolve().parent


@cache
def _read(app: str, name: str) -> Any:
    with (PACKAGE_DIR / app / "data" / "demo" / f"{name}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def read(app: str, name: str) -> dict[str, Any]:
    """The file's top-level mapping (read once per process; callers must not change it)."""
    data = _read(app, name)
    if not isinstance(data, dict):
        raise ValueError(f"{app}/data/demo/{name}.yaml: a mapping expected at the top")
    return data


def as_time(value: str | None) -> time | None:
    """``"09:30"`` → 09:30; empty → None."""
    return time.fromisoformat(value) if value else None
