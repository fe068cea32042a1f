"""The screening engine: declaration lines in, explained hits out. Pure Python, no Django.

>>> from greencustoms.engine import load_reference_csv, compile_ruleset, read_input, screen
>>> ruleset = compile_ruleset(load_reference_csv("data"))
>>> hits = screen(read_input("declarations.csv").batches(), ruleset)
"""

from greencustoms.engine._compile import (
    Match,
    Ruleset,
    compile_ruleset,
    load_ruleset,
    release_id,
    save_ruleset,
)
from greencustoms.engine._model import (
    Agreement,
    ControlledItem,
    HsCode,
    InstrumentRequirement,
    Name,
    PartyCoverage,
    PartyStatus,
    ReferenceData,
    RiskIndicator,
)
from greencustoms.engine._readers import (
    ColumnMapping,
    InputLimits,
    InputReader,
    ReadStats,
    check_input,
    read_input,
)
from greencustoms.engine._refdata import MONTREAL_REQUIREMENTS, load_reference_csv
from greencustoms.engine._screen import (
    Screened,
    empty_hits,
    screen,
    screen_batches,
    screen_iter,
    screen_lines,
)
from greencustoms.engine._text import normalise
from greencustoms.engine._verdicts import add_hits, empty_lines
from greencustoms.engine._writers import TableWriter, write_table
from greencustoms.engine.errors import (
    EngineError,
    InputError,
    LimitExceededError,
    MalformedInputError,
    MappingError,
    MissingColumnsError,
    RulesetError,
    RulesetVersionError,
    UnsupportedFormatError,
)

__all__ = [
    "MONTREAL_REQUIREMENTS",
    "Agreement",
    "ColumnMapping",
    "ControlledItem",
    "EngineError",
    "HsCode",
    "InputError",
    "InputLimits",
    "InputReader",
    "InstrumentRequirement",
    "LimitExceededError",
    "MalformedInputError",
    "MappingError",
    "Match",
    "MissingColumnsError",
    "Name",
    "PartyCoverage",
    "PartyStatus",
    "ReadStats",
    "ReferenceData",
    "RiskIndicator",
    "Ruleset",
    "RulesetError",
    "RulesetVersionError",
    "Screened",
    "TableWriter",
    "UnsupportedFormatError",
    "add_hits",
    "check_input",
    "compile_ruleset",
    "empty_hits",
    "empty_lines",
    "load_reference_csv",
    "load_ruleset",
    "normalise",
    "read_input",
    "release_id",
    "save_ruleset",
    "screen",
    "screen_batches",
    "screen_iter",
    "screen_lines",
    "write_table",
]
