"""Keep the screening ruleset in step with the reference data: compiled and saved once per data release."""

from typing import TextIO

from greencustoms.screening import engine_adapter


def load(*, stdout: TextIO) -> None:
    path = engine_adapter.ruleset_path()
    before = path.stat().st_mtime if path.is_file() else None
    ruleset = engine_adapter.current_ruleset()
    after = path.stat().st_mtime if path.is_file() else None
    if after != before:
        stdout.write(f"screening: ruleset {ruleset.release} written to {path}\n")
