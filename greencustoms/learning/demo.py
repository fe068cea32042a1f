"""Demo content: the introduction module and the Montreal Protocol, CITES and Basel modules; demo learners.

Idempotent and fast on re-run: modules are keyed by slug and version, learners by their e-mail prefix.
"""

from datetime import datetime
from pathlib import Path
from typing import TextIO

from django.utils import timezone

from greencustoms.accounts.models import User
from greencustoms.learning.content import version_load
from greencustoms.learning.demo_content import MODULES
from greencustoms.learning.models import ExternalFigure, Module
from greencustoms.learning.services import activity_rollup, stats_rollup
from greencustoms.learning.synthetic import generate

FILES_DIR = Path(__file__).resolve().parent / "demo_files"
DEMO_LEARNERS = 300
PREFIX = "demo-learner"


def load(*, stdout: TextIO) -> None:

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
    _external_figures(now=now, stdout=stdout)


def _external_figures(*, now: datetime, stdout: TextIO) -> None:
    """Invented figures another platform might report (marked demo: no CLiKC! report was read for them)."""
    from datetime import date

    if ExternalFigure.objects.filter(source__endswith="(demo)").exists():
        return
    module = Module.objects.filter(slug="montreal-protocol").select_related("owner_partner").first()
    if module is None:
        return
    ExternalFigure.objects.create(
        module=module, partner=module.owner_partner, platform="WCO CLiKC!", period_start=date(2017, 1, 1),
        period_end=date(2017, 12, 31), registered=240, active=150, completed=96,
        source="Invented yearly platform report (demo)", reported_on=date(2018, 1, 15), imported_at=now,
    )  # fmt: skip
    stdout.write("learning: 1 demo external figure\n")
