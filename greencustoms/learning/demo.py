"""Demo content: the introduction module and the Montreal Protocol, CITES and Basel modules; demo learners.

Idempotent and fast on re-run: modules are keyed by slug and version, learners by their e-mail prefix.
"""

from pathlib import Path
from typing import TextIO

from django.utils import timezone

from greencustoms.learning.content import version_load
from greencustoms.learning.demo_content import MODULES
from greencustoms.learning.models import Module
from greencustoms.learning.services import activity_rollup, stats_rollup
from greencustoms.learning.synthetic import generate

FILES_DIR = Path(__file__).resolve().parent / "demo_files"
DEMO_LEARNERS = 300
PREFIX = "demo-learner"


def load(*, stdout: TextIO) -> None:
    from greencustoms.accounts.models import User

    now = timezone.now()
    files = {p.name: p.read_bytes() for p in FILES_DIR.iterdir() if p.is_file()}
    existing = set(Module.objects.values_list("slug", flat=True))
    created = 0
    for data in MODULES:
        if data["slug"] in existing:
            continue
        version_load(data, files, at=now)
        created += 1
    if created:
        stdout.write(f"learning: {created} demo modules\n")
    if not User.objects.filter(email__startswith=PREFIX).exists():
        modules = list(
            Module.objects.filter(slug__in=[m["slug"] for m in MODULES]).select_related("current_version")
        )
        result = generate(learners=DEMO_LEARNERS, modules=modules, now=now, prefix=PREFIX)
        activity_rollup(at=now)
        stats_rollup(at=now)
        stdout.write(
            f"learning: {result.learners} demo learners, {result.enrolments} enrolments, {result.events} events\n"
        )
