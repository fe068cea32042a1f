"""Write benchmark figures into bench/RESULTS.md, one section per benchmark, replaced on each run."""

import os
import platform
import re
from datetime import UTC, datetime
from pathlib import Path

RESULTS = Path(__file__).parent / "RESULTS.md"
HEADER = "# Benchmark results\n\nWritten by `make bench`; each section is replaced when its benchmark runs again.\n"


def machine() -> str:
    return f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs, {platform.machine()}"


def write_header() -> None:
    if not RESULTS.exists():
        RESULTS.write_text(HEADER)


def write_section(name: str, body: str) -> None:
    """Replace (or append) the section `## name` with `body`, stamped with date and machine."""
    write_header()
    text = RESULTS.read_text()
    stamp = f"_Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}._\n\n"
    section = f"## {name}\n\n{stamp}{body.strip()}\n\n"
    pattern = re.compile(rf"^## {re.escape(name)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(lambda _m: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section
    RESULTS.write_text(text)
