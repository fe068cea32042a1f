"""CPU per lesson page, in process (issue 16): Django's test client through every middleware.

32 signed-in learners (database sessions) on the Montreal Protocol module, each moving to the next lesson every
4th request (so about a quarter of the requests record a lesson opening), after a warm-up that renders every
lesson once for every learner (the caches warm, as on a server that has been up a while). Per request:
``time.process_time`` (the machine's load disturbs CPU time far less than wall time) and wall time; the SQL
queries of one request are counted. Run alone: ``python -m bench bench_lesson_cpu``.

``BENCH_LESSON_CPU_ROOT`` runs the same measurement against another checkout (e.g. the code before a change):
its directory is put first on the child's ``PYTHONPATH``.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = 32
REQUESTS = 400
ROUNDS = 2


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def child() -> None:
    import django

    Path(os.environ["GREENCUSTOMS_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    os.environ["DEBUG"] = ""
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from greencustoms.accounts.models import User
    from greencustoms.learning import services
    from greencustoms.learning.content import version_load
    from greencustoms.learning.demo import FILES_DIR
    from greencustoms.learning.demo_content import MODULES
    from greencustoms.learning.models import Module
    from greencustoms.partners.reference import load as load_partners

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # the manifest storage of the dev settings
    load_partners(stdout=sys.stderr)
    now = timezone.now()
    files = {p.name: p.read_bytes() for p in FILES_DIR.iterdir()}
    for data in MODULES:
        version_load(data, files, at=now)
    module = Module.objects.select_related("current_version").get(slug="montreal-protocol")
    lessons = module.current_version.lesson_count
    clients = []
    for i in range(LEARNERS):
        user = User.objects.create_user(
            email=f"bench-{i}@bench.invalid", full_name=f"Learner {i}", role="officer"
        )
        services.enrolment_create(user=user, module=module, at=now)
        client = Client()
        client.force_login(user, backend="greencustoms.accounts.backends.EmailBackend")
        clients.append(client)

    def path(position: int) -> str:
        return f"/learning/montreal-protocol/lessons/{position}/"

    for client in clients:  # warm-up: every learner, every lesson once
        for position in range(1, lessons + 1):
            assert client.get(path(position)).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        clients[0].get(path(1))
    rounds = []
    for _ in range(ROUNDS):
        cpu_ms, wall_ms = [], []
        for n in range(REQUESTS):
            who = n % LEARNERS
            position = (n // (LEARNERS * 4) + who) % lessons + 1
            cpu, wall = time.process_time(), time.perf_counter()
            response = clients[who].get(path(position))
            cpu_ms.append((time.process_time() - cpu) * 1000)
            wall_ms.append((time.perf_counter() - wall) * 1000)
            assert response.status_code == 200
        rounds.append(
            {
                "cpu_p50": round(statistics.median(cpu_ms), 2),
                "cpu_p95": round(_pct(cpu_ms, 95), 2),
                "wall_p50": round(statistics.median(wall_ms), 2),
                "wall_p95": round(_pct(wall_ms, 95), 2),
            }
        )
    print(json.dumps({"rounds": rounds, "queries": len(queries), "lessons": lessons}))


def measure(root: Path | None = None) -> dict[str, Any]:
    from bench.results import run_child

    other = root or (
        Path(os.environ["BENCH_LESSON_CPU_ROOT"]) if os.environ.get("BENCH_LESSON_CPU_ROOT") else None
    )
    saved = os.environ.get("PYTHONPATH")
    if other is not None:
        os.environ["PYTHONPATH"] = os.pathsep.join([str(other), str(ROOT), *([saved] if saved else [])])
    try:
        figures, load = run_child(
            "bench.bench_lesson_cpu", prefix="gc-bench-lesson-cpu-", host="testserver", root=ROOT
        )
    finally:
        if other is not None:
            if saved is None:
                os.environ.pop("PYTHONPATH", None)
            else:
                os.environ["PYTHONPATH"] = saved
    return {**figures, "load": [round(x, 1) for x in load]}


def main() -> None:
    from bench.results import write_section

    result = measure()
    rows = "\n".join(
        f"| {i} | {r['cpu_p50']} | **{r['cpu_p95']}** | {r['wall_p50']} | {r['wall_p95']} |"
        for i, r in enumerate(result["rounds"], 1)
    )
    body = (
        f"Django's test client through every middleware, {LEARNERS} signed-in learners, {REQUESTS} requests per "
        "round, each learner moving to the next lesson every 4th request; caches warmed by one visit of every "
        f"lesson by every learner. {result['queries']} SQL queries per page (lesson re-opened). Load average at the "
        f"start: {', '.join(map(str, result['load']))}. Milliseconds.\n\n"
        "| round | CPU p50 | CPU p95 | wall p50 | wall p95 |\n|---|---|---|---|---|\n" + rows
    )
    write_section("Lesson page: CPU per request in process (bench/bench_lesson_cpu.py)", body)
    print(body)


if __name__ == "__main__":
    main()
