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


def run_child(module: str, *, prefix: str, host: str, root: Path) -> tuple[dict, tuple[float, float, float]]:
    """Run ``module.child()`` in a fresh process on a throwaway SQLite var dir (dev settings); return the JSON
    figures it prints last and the load average when it started."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "greencustoms.settings.dev",
            "GREENCUSTOMS_VAR_DIR": tmp,
            "DATABASE_URL": "",
            "ALLOWED_HOSTS": host,
        }
        load = os.getloadavg()
        done = subprocess.run(  # noqa: S603 - our own interpreter and module
            [sys.executable, "-c", f"from {module} import child; child()"],
            env=env,
            cwd=root,
            capture_output=True,
            text=True,
            timeout=1800,
        )
        if done.returncode != 0:
            raise RuntimeError(done.stderr[-3000:])
        return json.loads(done.stdout.strip().splitlines()[-1]), load
