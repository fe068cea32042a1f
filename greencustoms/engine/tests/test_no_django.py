"""The engine never imports Django (nor any other app of the project).

Its one import outside itself is ``greencustoms.spreadsheets``, the standard-library leaf that holds the
formula-injection rule shared with the web exports (an import-linter contract keeps that module a leaf).
"""

import subprocess
import sys

CODE = """
import sys
import greencustoms.engine
import greencustoms.engine.cli
from greencustoms.engine import compile_ruleset, screen, read_input
bad = sorted(m for m in sys.modules if m == 'django' or m.startswith(('django.', 'wagtail', 'ninja')))
ours = sorted(
    m for m in sys.modules
    if m.startswith('greencustoms.') and not m.startswith('greencustoms.engine') and m != 'greencustoms.spreadsheets'
)
assert not bad, bad
assert not ours, ours
print('clean')
"""


def test_importing_the_engine_and_its_cli_loads_no_django() -> None:
    done = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)  # noqa: S603
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "clean"
