"""Exceptions raised by the engine.

::

    EngineError                     every engine error; str() is a one-line message for a person
    ├── InputError                  the input cannot be screened at all (CLI exit code 2)
    │   ├── UnsupportedFormatError  the file type is not one of CSV/TSV, Parquet, XLSX, SAD XML, JSON lines
    │   ├── MalformedInputError     the file cannot be parsed (bad XML, not a Parquet file, no header, …)
    │   ├── MissingColumnsError     required columns absent after the column mapping
    │   ├── MappingError            the column mapping file or flags are invalid
    │   └── LimitExceededError      the file would expand beyond InputLimits (zip/Parquet bomb)
    └── RulesetError                a ruleset cannot be compiled, saved or loaded
        └── RulesetVersionError     a saved ruleset was written by an incompatible engine version

Problems with single records (ragged rows, bad HS codes, undecodable bytes) are never exceptions:
they are rows of the errors output, so that every line is either screened or listed.
"""

from __future__ import annotations


class EngineError(Exception):
    """Base class of every engine error."""


class InputError(EngineError):
    """The input cannot be screened."""


class UnsupportedFormatError(InputError):
    """The input's format is not one the engine reads."""


class MalformedInputError(InputError):
    """The input cannot be parsed."""


class MissingColumnsError(InputError):
    """Required columns are missing."""

    def __init__(self, missing: list[str], found: list[str]) -> None:
        self.missing = missing
        self.found = found
        super().__init__(
            f"missing required column(s): {', '.join(missing)}; the file has: {', '.join(found) or '(none)'}"
            " (use --mapping or --column NAME=HEADER to map other headers)"
        )


class MappingError(InputError):
    """The column mapping is invalid."""


class LimitExceededError(InputError):
    """The input would expand beyond the reader's limits (uncompressed size or compression ratio)."""


class RulesetError(EngineError):
    """A ruleset cannot be compiled, saved or loaded."""


class RulesetVersionError(RulesetError):
    """The saved ruleset's format version is not the one this engine reads."""
