"""E-learning at scale: 100,000 learners and ~5,000,000 learning events generated in bulk, then

- the statistics page (secretariat, all modules, with breakdowns) timed through the server of `greencustoms run`
  (Granian) on loopback;
- a lesson page timed with 32 concurrent clients (bounded: each client makes a fixed number of requests).

Each database backend runs in its own process (`python -m bench.bench_learning --worker sqlite|postgresql`);
PostgreSQL runs when a throwaway server can be started (pg_ctl on PATH or BENCH_PG_URL given); otherwise the
section says it was not run. Environment: BENCH_LEARNERS (default 100000), BENCH_LEARNING_BACKENDS (default
"sqlite,postgresql"; "sqlite" alone halves the run time).
"""

from __future__ import annotations

import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LEARNERS = int(os.environ.get("BENCH_LEARNERS", "100000"))
EXTRA_LAUNCHES = int(os.environ.get("BENCH_EXTRA_LAUNCHES", "18"))  # tuned for ~50 events per learner
CLIENTS = 32
REQUESTS_PER_CLIENT = 25
LESSON_RUNS = 3
STATS_REQUESTS = 40
WRK_SECONDS = 20
SERVER_WORKERS, SERVER_THREADS = (
    2,
    1,
)  # one process per CPU, one Python thread each (best tail when saturated)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def _get(port: int, path: str, cookie: str) -> tuple[int, float]:
    start = time.perf_counter()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.request("GET", path, headers={"Cookie": cookie, "Host": "127.0.0.1"})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, (time.perf_counter() - start) * 1000


WRK_SCRIPT = """
-- 32 learners, one connection each; a learner moves to the next lesson every 4th request
local cookies = {COOKIES}
local lessons = {LESSONS}
local baseline = {BASELINE}
local n = 0
local failures = 0
request = function()
  n = n + 1
  local who = n % #cookies
  local position = (math.floor(n / (#cookies * 4)) + who) % lessons + 1
  local path = "/learning/montreal-protocol/lessons/" .. position .. "/"
  if baseline then path = "/healthz" end
  return wrk.format("GET", path,
    {["Cookie"] = cookies[who + 1], ["Host"] = "127.0.0.1"})
end
response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("WRK %f %f %f %d %f %d\\n", latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000, summary.requests, summary.duration / 1e6,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.timeout))
end
"""


def _lesson_load(port: int, cookies: list[str], lessons: int, *, baseline: bool = False) -> dict[str, Any]:
    """32 concurrent clients on the lesson page: wrk (a bounded, C client) if installed, else Python threads.

    With baseline, the same clients ask for /healthz (a view that does no work): the server's floor.
    """
    wrk = shutil.which("wrk")
    if wrk:
        script = Path(tempfile.mkstemp(suffix=".lua")[1])
        script.write_text(
            WRK_SCRIPT.replace("{COOKIES}", "{" + ", ".join(f'"{c}"' for c in cookies) + "}")
            .replace("{LESSONS}", str(lessons))
            .replace("{BASELINE}", "true" if baseline else "false")
        )
        out = subprocess.run(  # noqa: S603
            [wrk, "-t2", f"-c{len(cookies)}", f"-d{WRK_SECONDS}s", "--timeout", "10s", "-s", str(script), f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        line = next(x for x in out.stdout.splitlines() if x.startswith("WRK "))
        p50, p95, p99, requests, seconds, errors = line.split()[1:]
        return {
            "client": "wrk", "lesson_p50": round(float(p50), 1), "lesson_p95": round(float(p95), 1),
            "lesson_p99": round(float(p99), 1), "lesson_requests": int(requests),
            "lesson_rps": round(int(requests) / float(seconds), 1), "lesson_errors": int(errors),
        }  # fmt: skip
    lesson_ms: list[float] = []
    errors: list[int] = []
    lock = threading.Lock()

    def client(cookie: str, offset: int) -> None:
        mine, bad = [], []
        for i in range(REQUESTS_PER_CLIENT):
            position = 1 + (i // 4 + offset) % lessons
            path = "/healthz" if baseline else f"/learning/montreal-protocol/lessons/{position}/"
            status, ms = _get(port, path, cookie)
            (mine if status == 200 else bad).append(ms if status == 200 else status)
        with lock:
            lesson_ms.extend(mine)
            errors.extend(bad)

    threads = [threading.Thread(target=client, args=(c, i)) for i, c in enumerate(cookies)]
    t = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t
    return {
        "client": "python threads", "lesson_p50": round(statistics.median(lesson_ms), 1),
        "lesson_p95": round(_pct(lesson_ms, 95), 1), "lesson_p99": round(_pct(lesson_ms, 99), 1),
        "lesson_requests": len(lesson_ms), "lesson_rps": round(len(lesson_ms) / wall, 1), "lesson_errors": len(errors),
    }  # fmt: skip


def _setup(stdout: Any) -> dict[str, Any]:
    """Migrate, load partners and the demo modules, generate learners and events, make sessions."""
    import django

    Path(os.environ["GREENCUSTOMS_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from greencustoms.accounts.models import User
    from greencustoms.learning.content import version_load
    from greencustoms.learning.demo import FILES_DIR
    from greencustoms.learning.demo_content import MODULES
    from greencustoms.learning.models import Enrolment, LearningEvent, Module
    from greencustoms.learning.services import activity_rollup, stats_rollup
    from greencustoms.learning.synthetic import generate
    from greencustoms.partners.reference import load as load_partners

    t = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    stdout.write(f"  migrated and collected static files in {time.perf_counter() - t:.1f} s\n")
    load_partners(stdout=stdout)
    now = timezone.now()
    files = {p.name: p.read_bytes() for p in FILES_DIR.iterdir()}
    for data in MODULES:
        version_load(data, files, at=now)
    modules = list(Module.objects.select_related("current_version"))
    t = time.perf_counter()
    generated = generate(
        learners=LEARNERS,
        modules=modules,
        now=now,
        prefix="bench",
        extra_launches=EXTRA_LAUNCHES,
        stdout=stdout,
    )
    generate_s = time.perf_counter() - t
    t = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    activity_rollup(at=now)
    stats_rollup(at=now)
    rollup_s = time.perf_counter() - t

    def session(user: Any, verified: bool) -> str:
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "greencustoms.accounts.backends.EmailBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        if verified:
            device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
            store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        # the cookies a browser sends back: the session and the CSRF secret it was given on its first page
        return f"sessionid={store.session_key}; csrftoken={_get_new_csrf_string()}"

    admin = User.objects.create_user(
        email="bench-secretariat@bench.invalid",
        full_name="Bench",
        role="secretariat",
        is_staff=True,
        is_superuser=True,
    )
    montreal = Module.objects.get(slug="montreal-protocol")
    learners = list(Enrolment.objects.filter(module=montreal).select_related("user").order_by("id")[:CLIENTS])
    return {
        "learners": generated.learners,
        "enrolments": generated.enrolments,
        "events": LearningEvent.objects.count(),
        "generate_s": round(generate_s, 1),
        "rollup_s": round(rollup_s, 1),
        "admin_cookie": session(admin, True),
        "learner_cookies": [session(e.user, False) for e in learners],
        "lessons": montreal.current_version.lesson_count,
    }


def _naive_stats_ms(runs: int = 3) -> float:
    """Baseline: the funnel per module counted from the learning events at request time (no rollups)."""
    from datetime import timedelta

    from django.db.models import Count, Q
    from django.utils import timezone

    from greencustoms.learning.choices import Verb
    from greencustoms.learning.models import LearningEvent

    since = timezone.now() - timedelta(days=30)
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        rows = list(
            LearningEvent.objects.values("module_id")
            .annotate(
                registered=Count("user_id", filter=Q(verb=Verb.REGISTERED), distinct=True),
                started=Count("user_id", filter=Q(verb=Verb.LAUNCHED), distinct=True),
                active_30d=Count("user_id", filter=Q(at__gte=since), distinct=True),
                passed=Count("user_id", filter=Q(verb=Verb.PASSED), distinct=True),
            )
            .order_by()
        )
        timings.append((time.perf_counter() - start) * 1000)
        assert rows
    return round(statistics.median(timings), 1)


def worker(backend: str) -> dict[str, Any]:
    """Run one backend end to end in this process; print and return the figures."""
    setup = _setup(sys.stderr)
    port = _free_port()
    from greencustoms.cli import server_command

    server = subprocess.Popen(  # noqa: S603
        server_command("127.0.0.1", port, SERVER_WORKERS, SERVER_THREADS, access_log=False), cwd=ROOT, env=dict(os.environ)
    )  # fmt: skip
    try:
        for _ in range(200):
            try:
                if _get(port, "/healthz", "")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        stats_paths = [
            "/learning/stats/?by=country", "/learning/stats/?by=administration", "/learning/stats/?by=month",
            "/learning/stats/?by=country&module=montreal-protocol", "/api/v1/learning/stats",
        ]  # fmt: skip
        for path in stats_paths * 6:  # warm-up: every worker renders every page once
            status, _ms = _get(port, path, setup["admin_cookie"])
            assert status == 200, (path, status)
        stats_ms = [
            _get(port, stats_paths[i % len(stats_paths)], setup["admin_cookie"])[1]
            for i in range(STATS_REQUESTS)
        ]
        for cookie in setup["learner_cookies"]:  # warm-up: every worker, every lesson once
            for position in range(1, setup["lessons"] + 1):
                _get(port, f"/learning/montreal-protocol/lessons/{position}/", cookie)
        # The machine is a VM whose speed varies by a fifth from minute to minute: three runs, the median
        # (by p95) reported, all three listed.
        runs = sorted(
            (_lesson_load(port, setup["learner_cookies"], setup["lessons"]) for _ in range(LESSON_RUNS)),
            key=lambda r: r["lesson_p95"],
        )
        lesson = {**runs[len(runs) // 2], "lesson_runs_p95": [r["lesson_p95"] for r in runs]}
        floor = _lesson_load(port, setup["learner_cookies"], setup["lessons"], baseline=True)
        lesson |= {"healthz_p95": floor["lesson_p95"], "healthz_rps": floor["lesson_rps"]}
    finally:
        server.terminate()
        server.wait(timeout=30)
    result = {
        "backend": backend,
        **{k: setup[k] for k in ("learners", "enrolments", "events", "generate_s", "rollup_s")},
        "stats_p50": round(statistics.median(stats_ms), 1),
        "stats_p95": round(_pct(stats_ms, 95), 1),
        "naive_stats_ms": _naive_stats_ms(),
        **lesson,
        "clients": len(setup["learner_cookies"]),
    }
    print("RESULT " + json.dumps(result), flush=True)
    return result


def _postgres(tmp: Path) -> tuple[str | None, Any]:
    """A throwaway PostgreSQL cluster on loopback, or the server named by BENCH_PG_URL."""
    if os.environ.get("BENCH_PG_URL"):
        return os.environ["BENCH_PG_URL"], None
    pg_ctl = shutil.which("pg_ctl")
    if pg_ctl is None:
        return None, None
    bindir = (
        Path(pg_ctl).resolve().parent
    )  # Debian links only pg_ctl into PATH; initdb and createdb live beside it
    data = tmp / "pg"
    port = _free_port()
    as_root = os.geteuid() == 0

    def run(args: list[str]) -> None:
        if as_root:
            args = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(args)]
        subprocess.run(args, check=True, capture_output=True)  # noqa: S603

    if as_root:
        shutil.chown(tmp, "postgres")
    run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
    opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB"
    run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            f"'{opts}'" if as_root else opts,
            "-w",
            "-l",
            str(tmp / "pg.log"),
            "start",
        ]
    )
    run([str(bindir / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "bench"])

    def stop() -> None:
        run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])

    return f"postgres://postgres@127.0.0.1:{port}/bench", stop


def main() -> None:
    from bench.results import write_section

    # The targets hold for both databases, so both run by default (~10 min each)
    backends = os.environ.get("BENCH_LEARNING_BACKENDS", "sqlite,postgresql").split(",")
    results, notes = [], []
    if "postgresql" not in backends:
        notes.append("PostgreSQL not run this time (BENCH_LEARNING_BACKENDS left it out).")
    for backend in backends:
        tmp = Path(tempfile.mkdtemp(prefix=f"gc-bench-learning-{backend}-"))
        env = dict(os.environ, DJANGO_SETTINGS_MODULE="greencustoms.settings.dev", GREENCUSTOMS_VAR_DIR=str(tmp / "var"),
                   SECRET_KEY="bench-only-not-secret", ALLOWED_HOSTS="127.0.0.1,localhost", DEBUG="")  # noqa: S106  # fmt: skip
        stop = None
        try:
            if backend == "postgresql":
                try:
                    url, stop = _postgres(tmp)
                except (subprocess.CalledProcessError, OSError) as exc:
                    url = None
                    notes.append(f"PostgreSQL not run: could not start a server ({exc}).")
                if url is None:
                    notes.append(
                        "PostgreSQL not run: no pg_ctl on PATH and no BENCH_PG_URL."
                    ) if not notes else None
                    continue
                env["DATABASE_URL"] = url
            print(f"-- learning bench on {backend}", flush=True)
            out = subprocess.run(  # noqa: S603
                [sys.executable, "-m", "bench.bench_learning", "--worker", backend], cwd=ROOT, env=env,
                capture_output=True, text=True, timeout=1800,
            )  # fmt: skip
            line = next((x for x in out.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                notes.append(f"{backend}: failed ({out.stderr.strip().splitlines()[-1:] or out.returncode})")
                print(out.stderr[-3000:], flush=True)
                continue
            results.append(json.loads(line[len("RESULT ") :]))
            print(line, flush=True)
        finally:
            if stop is not None:
                stop()
            shutil.rmtree(tmp, ignore_errors=True)
    rows = [
        f"| {r['backend']} | {r['learners']:,} | {r['enrolments']:,} | {r['events']:,} | {r['generate_s']} s | {r['rollup_s']} s "
        f"| {r['stats_p50']} | **{r['stats_p95']}** | {r['naive_stats_ms']:,} | {r['lesson_p50']} | **{r['lesson_p95']}** | {r['lesson_p99']} "
        f"| {r['lesson_rps']} | {r['healthz_p95']}, {r['healthz_rps']} | {r['lesson_errors']} |"
        for r in results
    ]
    body = (
        "Generated learners and events (bulk insert), the rollups (daily activity for trends, statistics cells per module × country × administration × month) run once, then Granian, the server of `greencustoms run` "
        f"({SERVER_WORKERS} workers × {SERVER_THREADS} thread) on 127.0.0.1. Statistics page: secretariat, all modules, breakdown by country, "
        f"administration or month and the stats API, {STATS_REQUESTS} sequential requests. Lesson page: "
        f"{CLIENTS} concurrent clients (one keep-alive connection each, sending back their session and CSRF cookies as a browser does, wrk, {WRK_SECONDS} s; each learner moves to "
        "the next lesson every 4th request, and opening a lesson records a learning event and updates the "
        "enrolment; a reload within 5 minutes records nothing new). "
        "Baselines in the same run: the funnel per module counted from the events at request time, the "
        "naive way without rollups (in process, median of 3), and the same 32 clients on `/healthz`, a view "
        "that does no work of its own (the floor of the server and the middleware). "
        "Times in milliseconds. Targets: statistics p95 < 300 ms, lesson p95 < 100 ms.\n\n"
        "| backend | learners | enrolments | events | generate | rollup | stats p50 | stats p95 | baseline: stats from events | lesson p50 | lesson p95 | lesson p99 | lesson req/s | baseline: /healthz p95, req/s | errors |\n"
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + "\n\n"
        + "\n".join(f"- {n}" for n in notes)
    )
    for r in results:
        body += (
            f"\n- {r['backend']}: statistics p95 {r['stats_p95']} ms, target < 300 ms "
            f"{'met' if r['stats_p95'] < 300 else 'NOT met'}; lesson p95 {r['lesson_p95']} ms, target < 100 ms "
            f"{'met' if (r['lesson_p95'] or 1e9) < 100 else 'NOT met'} (median of {len(r.get('lesson_runs_p95', [1]))} runs of {WRK_SECONDS} s, "
            f"p95 of each: {', '.join(str(x) for x in r.get('lesson_runs_p95', []))} ms; {r['lesson_rps']} req/s on this machine: with 32 "
            "clients and no think time, p95 < 100 ms needs > 320 req/s)."
        )
    write_section("E-learning: statistics and lesson pages at 100,000 learners", body)


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--worker":
        worker(sys.argv[2])
    else:
        main()
