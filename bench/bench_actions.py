"""/actions/ with 500 action points (issue #18: answer in < 300 ms): the action list as a partner and as the
secretariat, and the overdue and open-without-deadline views, timed in-process (Django test client) on SQLite
in a temporary folder. Query counts are guarded in greencustoms/actions/tests/test_scale.py.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.results import write_section

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
ACTIONS = int(os.environ.get("BENCH_ACTIONS", "500"))
RUNS = int(os.environ.get("BENCH_ACTIONS_RUNS", "15"))


def main() -> None:
    tmp = tempfile.mkdtemp(prefix="gc-bench-actions-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "greencustoms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.sqlite3"
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    # No setup_test_environment(): its instrumented template rendering copies every context and would be timed.
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    from greencustoms.actions.tests.test_scale import make_actions, partner_and_secretariat

    partner, secretariat = partner_and_secretariat()
    make_actions(ACTIONS)
    from greencustoms.conftest import signed_in_client

    rows = []
    for who, user in (("partner (WCO staff)", partner), ("secretariat", secretariat)):
        client: Client = signed_in_client(user)
        for label, query in (
            ("all", {}),
            ("overdue", {"overdue": "on"}),
            ("open > 6 months", {"open_months": 6}),
        ):
            client.get("/actions/", query)  # warm
            times = []
            for _ in range(RUNS):
                start = time.perf_counter()
                response = client.get("/actions/", query)
                times.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200
            times.sort()
            rows.append(
                f"| {who} | {label} | {statistics.median(times):.0f} | {times[int(0.95 * (len(times) - 1))]:.0f} |"
            )
    body = (
        f"{ACTIONS} action points over 10 meetings, SQLite, in-process test client, {RUNS} requests each "
        "(target: < 300 ms).\n\n| user | view | median ms | p95 ms |\n|---|---|---|---|\n" + "\n".join(rows)
    )
    print(body)
    write_section("Action points list (/actions/, 500 actions)", body)


if __name__ == "__main__":
    main()
