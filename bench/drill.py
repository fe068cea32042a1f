"""Reliability drills (`make drill`): failures provoked on purpose against throwaway servers on 127.0.0.1.

1. ``jobs``: a `db_worker` killed with SIGKILL in the middle of a 1,000,000-line screening job; a new worker
   (what a supervisor starts) and the scheduler's reaper take the job up again; the hits must equal those
   of an uninterrupted run of the same file, and nothing may be counted twice.
2. ``postgres``: PostgreSQL stopped (immediate, a crash) and started again while 32 clients record SCORM
   lesson progress and action-point progress through Granian; every write acknowledged must be in the
   database afterwards, and the clients must get 503, not 500, during the outage.
3. ``disk``: uploads into a 20 MB tmpfs (temporary upload files and private files): a clear message, no
   partial file left, the server goes on serving.
4. ``backup``: `greencustoms backup` / `restore` SQLite → PostgreSQL and PostgreSQL → SQLite, every table's
   rows and every file's bytes compared.

`python -m bench.drill [NAME …]` runs the named drills (all by default); each writes its section of
bench/RESULTS.md. Each drill is bounded in time and needs root for PostgreSQL (`su postgres`) and tmpfs.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
JOB_LINES = int(os.environ.get("DRILL_JOB_LINES", "1000000"))
CLIENTS = 32
LOAD_SECONDS = 40
OUTAGE_AT, OUTAGE_SECONDS = 12, 6
TMPFS_MB = 20


# -- plumbing ----------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(var: Path, database_url: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="greencustoms.settings.dev",
        GREENCUSTOMS_VAR_DIR=str(var),
        DATABASE_URL=database_url,
        SECRET_KEY="drill-only-not-secret-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DEBUG="",
        PYTHONPATH=str(ROOT),
    )
    return env


def _child(step: str, env: dict[str, str], *args: str, timeout: int = 1800) -> dict[str, Any]:
    """Run `python -m bench.drill --step STEP …` with Django in that environment; its last line is JSON."""
    out = subprocess.run(  # noqa: S603
        [PY, "-m", "bench.drill", "--step", step, *args], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=timeout,
    )  # fmt: skip
    if out.returncode != 0:
        raise RuntimeError(f"{step} failed: {out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _manage(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(  # noqa: S603
        [PY, "-m", "greencustoms.cli", "manage", *args], cwd=ROOT, env=env, stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip


def _server(env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    from greencustoms.cli import server_command

    server = subprocess.Popen(  # noqa: S603
        server_command("127.0.0.1", port, 2, 2, access_log=False), cwd=ROOT, env=env, stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )  # fmt: skip
    for _ in range(600):
        try:
            if _request(port, "GET", "/healthz")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"the server did not start: {log.read_text()[-2000:]}")


def _stop(process: subprocess.Popen[bytes] | None) -> None:
    if process is not None and process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def _request(
    port: int, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=body or None, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


class Postgres:
    """A throwaway PostgreSQL cluster on loopback (initdb as the postgres user when run as root)."""

    def __init__(self, tmp: Path) -> None:
        pg_ctl = shutil.which("pg_ctl") or next(
            iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))), None
        )
        if pg_ctl is None:
            raise RuntimeError("PostgreSQL is not installed (no pg_ctl)")
        self.bindir = Path(pg_ctl).resolve().parent
        self.tmp, self.data, self.port = tmp, tmp / "pg", _free_port()
        self.as_root = os.geteuid() == 0
        tmp.mkdir(parents=True, exist_ok=True)
        if self.as_root:
            shutil.chown(tmp, "postgres")
            for parent in (tmp.parent, tmp.parent.parent):  # the postgres user must reach its directory
                if str(parent).startswith(tempfile.gettempdir() + "/gc-drill-"):
                    parent.chmod(0o755)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        self.start()

    def _run(self, tool: str, *args: str) -> None:
        command = [str(self.bindir / tool), *args]
        if self.as_root:
            command = ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{a}'" for a in command)]
        subprocess.run(command, check=True, capture_output=True, timeout=120)  # noqa: S603

    def start(self) -> None:
        # fsync off (a process crash loses nothing the OS has; the machine does not crash), synchronous commit on:
        # a commit the server acknowledged is in the WAL before the client hears of it
        opts = (
            f"-p {self.port} -k {self.tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
        )
        self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-w", "-l", str(self.tmp / "pg.log"), "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop")

    def createdb(self, name: str) -> str:
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"


def _section(name: str, body: str) -> None:
    from bench.results import write_section

    load = os.getloadavg()
    body += f"\nLoad average when the drill ended: {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} CPUs.\n"
    write_section(name, body)
    print(body, flush=True)


# -- child steps (run with Django set up) ------------------------------------------------------------
def _django(*, static: bool = False) -> None:
    import django

    Path(os.environ["GREENCUSTOMS_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if static:
        call_command("collectstatic", interactive=False, verbosity=0)


def step_jobs_setup() -> dict[str, Any]:
    _django()
    from django.conf import settings
    from django.core.files import File
    from django.utils import timezone

    from bench.bench_engine import generate
    from greencustoms.accounts.models import User
    from greencustoms.agreements.reference import load
    from greencustoms.screening import engine_adapter, services

    load(stdout=open(os.devnull, "w"))  # noqa: SIM115 - silence the import report
    engine_adapter.build_ruleset(save=True)
    user = User.objects.create_user(email="drill@example.org", password=None, full_name="Drill")
    source = Path(settings.VAR_DIR) / "declarations.csv"
    generate(source, JOB_LINES, Path(settings.DATA_DIR))
    with source.open("rb") as fh:
        job = services.job_create(
            upload=File(fh, name="declarations.csv"), edition="HS2022", mapping={}, by=user, at=timezone.now()
        )
    return {"job": job.pk, "user": user.pk, "size": source.stat().st_size}


def step_jobs_check(job_id: str) -> dict[str, Any]:
    """Screen the same file again, uninterrupted (the worker is still running), and compare the hits."""
    _django()
    import polars as pl
    from django.conf import settings
    from django.core.files import File
    from django.db.models import Count
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from greencustoms.accounts.models import User
    from greencustoms.screening import selectors, services
    from greencustoms.screening.models import ScreeningJob

    killed = ScreeningJob.objects.get(pk=int(job_id))
    with (Path(settings.VAR_DIR) / "declarations.csv").open("rb") as fh:
        clean = services.job_create(
            upload=File(fh, name="declarations.csv"), edition="HS2022", mapping={},
            by=User.objects.get(email="drill@example.org"), at=timezone.now(),
        )  # fmt: skip
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        clean.refresh_from_db()
        if clean.finished:
            break
        time.sleep(0.5)

    def hits(job: ScreeningJob) -> pl.DataFrame:
        frame = pl.read_parquet(selectors.job_dir(job) / "hits.parquet")
        return frame.sort(frame.columns)

    a, b = hits(killed), hits(clean)
    folder = selectors.job_dir(killed)
    return {
        "status": killed.status,
        "attempts": killed.attempts,
        "records": killed.records,
        "screened": killed.screened,
        "rejected": killed.rejected,
        "hits_counted": killed.hits,
        "hits_rows": a.height,
        "clean_status": clean.status,
        "clean_hits_counted": clean.hits,
        "clean_hits_rows": b.height,
        "same_hits": a.equals(b),
        "summary_equal": killed.summary == clean.summary,
        "partial_files_left": sorted(p.name for p in folder.glob("*.part*")),
        "task_results": dict(
            DBTaskResult.objects.filter(task_path="greencustoms.screening.tasks.run_screening_job")
            .values_list("status")
            .annotate(n=Count("id"))
        ),
    }


def step_load_setup() -> dict[str, Any]:
    """Partners, meetings and action points, the demo modules with SCO lessons; 16 learners and 16 secretariat
    members, each with a session cookie (and a verified second factor for the secretariat)."""
    _django(static=True)
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string
    from django.utils import timezone
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from greencustoms.accounts.models import User
    from greencustoms.actions.demo import load as load_actions
    from greencustoms.actions.models import ActionPoint
    from greencustoms.learning.content import version_load
    from greencustoms.learning.demo import FILES_DIR
    from greencustoms.learning.demo_content import MODULES
    from greencustoms.learning.models import Lesson, Module
    from greencustoms.learning.services import enrolment_create
    from greencustoms.partners.reference import load as load_partners

    quiet = open(os.devnull, "w")  # noqa: SIM115
    load_partners(stdout=quiet)
    load_actions(stdout=quiet)
    now = timezone.now()
    files = {p.name: p.read_bytes() for p in FILES_DIR.iterdir()}
    for data in MODULES:
        version_load(data, files, at=now)
    module = Module.objects.select_related("current_version").get(slug="montreal-protocol")
    # The drill posts SCORM run-time data: the module's lessons become SCOs (as an imported package's are).
    Lesson.objects.filter(version=module.current_version).update(sco_href="index.html")
    lesson = Lesson.objects.filter(version=module.current_version).order_by("position").first()
    actions = list(ActionPoint.objects.order_by("pk").values_list("pk", flat=True)[: CLIENTS // 2])

    def cookie(user: Any, verified: bool) -> tuple[str, str]:
        store = SessionStore()
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "greencustoms.accounts.backends.EmailBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        if verified:
            device = TOTPDevice.objects.create(user=user, name="drill", confirmed=True)
            store[DEVICE_ID_SESSION_KEY] = device.persistent_id
        store.create()
        csrf = _get_new_csrf_string()
        return f"sessionid={store.session_key}; csrftoken={csrf}", csrf

    clients = []
    for i in range(CLIENTS // 2):
        learner = User.objects.create_user(
            email=f"learner{i}@drill.invalid", password=None, full_name=f"L{i}"
        )
        enrolment_create(user=learner, module=module, at=now)
        c, csrf = cookie(learner, False)
        clients.append({"kind": "sco", "cookie": c, "csrf": csrf, "user": learner.pk,
                        "path": f"/learning/{module.slug}/lessons/{lesson.position}/commit/"})  # fmt: skip
    for i in range(CLIENTS // 2):
        member = User.objects.create_user(
            email=f"secretariat{i}@drill.invalid", password=None, full_name=f"S{i}", role="secretariat"
        )
        c, csrf = cookie(member, True)
        clients.append({"kind": "action", "cookie": c, "csrf": csrf, "user": member.pk,
                        "path": f"/actions/{actions[i % len(actions)]}/"})  # fmt: skip
    return {"clients": clients, "lesson": lesson.pk}


def step_load_check() -> dict[str, Any]:
    import django

    django.setup()
    from greencustoms.actions.models import ProgressNote
    from greencustoms.learning.models import ScoTracking

    notes = list(ProgressNote.objects.filter(text__startswith="drill ").values_list("text", flat=True))
    sco = {
        str(user): data
        for user, data in ScoTracking.objects.values_list("enrolment__user_id", "suspend_data")
        if data.startswith("drill ")
    }
    return {"notes": notes, "sco": sco}


def step_backup_setup() -> dict[str, Any]:
    """Reference data (a data release), accounts with tokens, a screening job with its files, a public file."""
    _django()
    from django.conf import settings
    from django.utils import timezone

    from greencustoms.accounts.models import User
    from greencustoms.accounts.services import api_token_create
    from greencustoms.actions.demo import load as load_actions
    from greencustoms.agreements.reference import load
    from greencustoms.partners.reference import load as load_partners

    quiet = open(os.devnull, "w")  # noqa: SIM115
    load_partners(stdout=quiet)
    load(stdout=quiet)
    load_actions(stdout=quiet)
    for i in range(20):
        user = User.objects.create_user(
            email=f"user{i}@drill.invalid", password="drill-" + "p" * 10, full_name=f"U{i}"
        )
        api_token_create(user=user, name="drill", two_factor=False, at=timezone.now())
    private = Path(settings.PRIVATE_MEDIA_ROOT) / "screening" / "1"
    private.mkdir(parents=True, exist_ok=True)
    (private / "input.csv").write_bytes(os.urandom(300_000))
    media = Path(settings.MEDIA_ROOT) / "documents"
    media.mkdir(parents=True, exist_ok=True)
    (media / "guide é.pdf").write_bytes(b"%PDF-1.4 " + os.urandom(50_000))
    return step_backup_dump()


def step_backup_dump() -> dict[str, Any]:
    """Every table's rows and every file's bytes, as comparable text."""
    import hashlib

    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from django.conf import settings

    from greencustoms import backup

    def plain(value: Any) -> str:  # the same text for a value whichever database returned it
        return bytes(value).hex() if isinstance(value, (bytes, memoryview)) else str(value)

    tables = {
        table: hashlib.sha256(
            json.dumps(backup.table_rows(model), default=plain, sort_keys=True).encode()
        ).hexdigest()
        for table, model in backup._tables()
    }
    rows = sum(model._base_manager.count() for _t, model in backup._tables())
    files = {}
    for prefix, root in (("media", settings.MEDIA_ROOT), ("private", settings.PRIVATE_MEDIA_ROOT)):
        for path in sorted(Path(root).rglob("*")):
            if path.is_file():
                files[f"{prefix}/{path.relative_to(root)}"] = hashlib.sha256(path.read_bytes()).hexdigest()
    return {"tables": tables, "rows": rows, "files": files}


def step_disk_setup() -> dict[str, Any]:
    _django(static=True)
    from django.contrib.sessions.backends.db import SessionStore
    from django.middleware.csrf import _get_new_csrf_string

    from greencustoms.accounts.models import User
    from greencustoms.agreements.reference import load
    from greencustoms.screening import engine_adapter

    load(stdout=open(os.devnull, "w"))  # noqa: SIM115
    engine_adapter.build_ruleset(save=True)
    user = User.objects.create_user(email="uploader@drill.invalid", password=None, full_name="Uploader")
    store = SessionStore()
    store["_auth_user_id"] = str(user.pk)
    store["_auth_user_backend"] = "greencustoms.accounts.backends.EmailBackend"
    store["_auth_user_hash"] = user.get_session_auth_hash()
    store.create()
    csrf = _get_new_csrf_string()
    return {"cookie": f"sessionid={store.session_key}; csrftoken={csrf}", "csrf": csrf}


def step_disk_check() -> dict[str, Any]:
    import django

    django.setup()
    from greencustoms.screening.models import ScreeningJob

    return {"jobs": list(ScreeningJob.objects.values_list("original_name", "size"))}


STEPS = {
    "jobs-setup": step_jobs_setup,
    "jobs-check": step_jobs_check,
    "load-setup": step_load_setup,
    "load-check": step_load_check,
    "backup-setup": step_backup_setup,
    "backup-dump": step_backup_dump,
    "disk-setup": step_disk_setup,
    "disk-check": step_disk_check,
}


# -- the drills --------------------------------------------------------------------------------------
def _job_row(db: Path, job_id: int) -> dict[str, Any]:
    with sqlite3.connect(db, timeout=30) as conn:
        conn.row_factory = sqlite3.Row
        row = conn.execute(
            "select status, progress, attempts, records, hits from screening_screeningjob where id = ?",
            (job_id,),
        ).fetchone()
    return dict(row)


def drill_jobs(tmp: Path) -> None:
    """SIGKILL a db_worker in the middle of a 1M-line job; a new worker and the reaper finish it."""
    var = tmp / "var"
    env = _env(var)
    t0 = time.monotonic()
    setup = _child("jobs-setup", env)
    setup_s = time.monotonic() - t0
    job, db, log = setup["job"], var / "greencustoms.sqlite3", tmp / "workers.log"
    worker = _manage(env, "db_worker", "--interval", "0.2", "--no-startup-delay", log=log)
    scheduler = _manage(env, "scheduler", "--interval", "5", log=log)
    second = None
    figures: dict[str, Any] = {"lines": JOB_LINES, "size_mb": round(setup["size"] / 1e6, 1)}
    try:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            row = _job_row(db, job)
            if row["status"] == "running" and row["progress"] >= 30:
                break
            if row["status"] in ("done", "failed"):
                raise RuntimeError(f"the job ended before the kill: {row}")
            time.sleep(0.2)
        else:
            raise RuntimeError("the job never reached 30 %")
        os.kill(worker.pid, signal.SIGKILL)
        killed_at = time.monotonic()
        worker.wait()
        figures["killed_at_progress"] = round(row["progress"], 1)
        figures["killed_at_records"] = row["records"]
        second = _manage(env, "db_worker", "--interval", "0.2", "--no-startup-delay", log=log)
        reclaimed_s = None
        while time.monotonic() < killed_at + 900:
            row = _job_row(db, job)
            if reclaimed_s is None and row["attempts"] >= 2:
                reclaimed_s = time.monotonic() - killed_at
            if row["status"] in ("done", "failed"):
                break
            time.sleep(0.5)
        figures["reclaimed_after_s"] = round(reclaimed_s, 1) if reclaimed_s is not None else None
        figures["done_after_s"] = round(time.monotonic() - killed_at, 1)
        figures |= _child("jobs-check", env, str(job))
    finally:
        for process in (worker, second, scheduler):
            _stop(process)
    ok = (
        figures["status"] == "done"
        and figures["same_hits"]
        and figures["hits_counted"] == figures["hits_rows"] == figures["clean_hits_rows"]
        and figures["records"] == JOB_LINES == figures["screened"] + figures["rejected"]
        and not figures["partial_files_left"]
    )
    print("jobs:", json.dumps(figures), flush=True)
    _section(
        "Drill: worker killed during a screening job",
        f"""A {figures["lines"]:,}-line upload ({figures["size_mb"]} MB) queued as a screening job; a `db_worker`
(django-tasks database backend, SQLite) killed with SIGKILL at {figures["killed_at_progress"]} % of the
file ({figures["killed_at_records"]:,} records read); a new `db_worker` started at once (what a supervisor
does) next to `greencustoms manage scheduler`. The job's lease (120 s, renewed while it works) runs out, the
reaper (every 60 s) queues it again, the new worker claims it as attempt 2 and screens the file from the
start into new partial files, replacing nothing until it finishes. The same file was then screened
again, uninterrupted, for comparison. Set-up (reference data, ruleset, file generation) took {setup_s:.0f} s.

| figure | value |
|---|---|
| jobs killed / recovered | 1 / {1 if figures["status"] == "done" else 0} |
| claimed again after the kill | {figures["reclaimed_after_s"]} s |
| done after the kill | {figures["done_after_s"]} s |
| attempts | {figures["attempts"]} |
| records read = screened + rejected | {figures["records"]:,} = {figures["screened"]:,} + {figures["rejected"]:,} |
| hits counted on the job / rows in its hits file | {figures["hits_counted"]:,} / {figures["hits_rows"]:,} |
| hits of the uninterrupted run | {figures["clean_hits_rows"]:,} |
| same hits, row for row | {"yes" if figures["same_hits"] else "**no**"} |
| same summary (hits by rule, counts) | {"yes" if figures["summary_equal"] else "**no**"} |
| partial files left | {len(figures["partial_files_left"])} |
| django-tasks results of the job task | {figures["task_results"]} |

**{"Nothing lost, nothing counted twice." if ok else "FAILED: see the figures."}** The killed task's
django-tasks result stays `RUNNING` (the database backend never times out a claimed task); the
screening job's own lease is what recovers the work.
""",
    )


def _writer(client: dict[str, Any], index: int, port: int, until: float, log: list[tuple[Any, ...]]) -> None:
    seq = 0
    while time.monotonic() < until:
        seq += 1
        marker = f"drill {index} {seq}"
        if client["kind"] == "sco":
            body = json.dumps({"cmi.suspend_data": marker, "cmi.core.lesson_status": "incomplete"}).encode()
            headers = {"Content-Type": "application/json", "X-CSRFToken": client["csrf"]}
        else:
            from urllib.parse import urlencode

            body = urlencode({"csrfmiddlewaretoken": client["csrf"], "status": "in_progress",
                              "on": date.today().isoformat(), "text": marker}).encode()  # fmt: skip
            headers = {"Content-Type": "application/x-www-form-urlencoded"}
        headers["Cookie"] = client["cookie"]
        try:
            status, response_headers, payload = _request(port, "POST", client["path"], body, headers)
        except OSError as exc:
            log.append((index, seq, marker, "connection", type(exc).__name__, time.monotonic()))
            time.sleep(0.2)
            continue
        retry = response_headers.get("retry-after", "")
        log.append((index, seq, marker, status, retry, time.monotonic(), b"Traceback" in payload))
        if status == 503:
            time.sleep(0.5)


def drill_postgres(tmp: Path) -> None:
    """PostgreSQL crashes and comes back while 32 clients write; nothing acknowledged may be lost."""
    pg = Postgres(tmp)
    server = worker = None
    try:
        env = _env(tmp / "var", pg.createdb("drill"))
        setup = _child("load-setup", env)
        port = _free_port()
        server = _server(env, port, tmp / "server.log")
        worker = _manage(env, "db_worker", "--interval", "1", log=tmp / "worker.log")
        log: list[tuple[Any, ...]] = []
        start = time.monotonic()
        until = start + LOAD_SECONDS
        threads = [
            threading.Thread(target=_writer, args=(c, i, port, until, log))
            for i, c in enumerate(setup["clients"])
        ]
        for thread in threads:
            thread.start()
        time.sleep(OUTAGE_AT)
        down_at = time.monotonic()
        pg.stop("immediate")  # a crash: no checkpoint, the WAL replays at start
        time.sleep(OUTAGE_SECONDS)
        pg.start()
        up_at = time.monotonic()
        for thread in threads:
            thread.join()
        worker_alive = worker.poll() is None
        check = _child("load-check", env)
    finally:
        _stop(server)
        _stop(worker)
        with contextlib.suppress(subprocess.CalledProcessError):
            pg.stop("fast")
    kinds = {i: c["kind"] for i, c in enumerate(setup["clients"])}
    acked = [
        e for e in log if (e[3] == 200 and kinds[e[0]] == "sco") or (e[3] == 302 and kinds[e[0]] == "action")
    ]
    refused = [e for e in log if e[3] == 503]
    failed = [e for e in log if e[3] not in (200, 302, 503)]
    with_retry_after = sum(1 for e in refused if e[4])
    tracebacks = sum(1 for e in log if len(e) > 6 and e[6])
    notes = set(check["notes"])
    found_actions = sum(1 for e in acked if kinds[e[0]] == "action" and e[2] in notes)
    # SCO data is overwritten by each commit: the last acknowledged commit of a learner must be there, or a
    # later one (sent, then the answer lost in the outage)
    last_sco: dict[int, int] = {}
    for e in acked:
        if kinds[e[0]] == "sco":
            last_sco[e[0]] = max(last_sco.get(e[0], 0), e[1])
    found_sco = 0
    for index, seq in last_sco.items():
        stored = check["sco"].get(str(setup["clients"][index]["user"]), "")
        if stored and int(stored.split()[-1]) >= seq:
            found_sco += sum(1 for e in acked if e[0] == index)
    acked_actions = sum(1 for e in acked if kinds[e[0]] == "action")
    acked_sco = len(acked) - acked_actions
    during = [e for e in log if down_at <= e[5] <= up_at + 5]
    by_status: dict[str, int] = {}
    for e in log:
        by_status[str(e[3])] = by_status.get(str(e[3]), 0) + 1
    lost = (acked_actions - found_actions) + (acked_sco - found_sco)
    _section(
        "Drill: PostgreSQL restarted under 32 writing clients",
        f"""Granian (2 workers × 2 threads, `CONN_MAX_AGE` 60 s with health checks) on a throwaway PostgreSQL
cluster (synchronous commit on). {CLIENTS} clients for {LOAD_SECONDS} s, each sending its next write as soon as
the last one was answered (half a second's pause after a 503): {CLIENTS // 2} learners posting SCORM run-time data
(`POST /learning/…/lessons/N/commit/`, answered 200) and {CLIENTS // 2} secretariat members recording action-point progress
(`POST /actions/N/`, answered 302). At {OUTAGE_AT} s PostgreSQL was stopped with `-m immediate` (a crash) and
started again {OUTAGE_SECONDS} s later (it was back {up_at - down_at:.1f} s after the stop).

| figure | value |
|---|---|
| requests | {len(log):,} ({len(during):,} from the stop to 5 s after the start) |
| answers by status | {dict(sorted(by_status.items()))} |
| writes acknowledged | {len(acked):,} ({acked_sco:,} lesson progress, {acked_actions:,} action progress) |
| acknowledged writes found in the database | {found_sco + found_actions:,} ({found_sco:,} + {found_actions:,}) |
| **acknowledged writes lost** | **{lost}** |
| requests refused (503, with Retry-After) | {len(refused):,} ({with_retry_after:,} with Retry-After) |
| requests failed (500 or other) | {len(failed):,} |
| answers showing a traceback | {tracebacks} |
| background worker (`db_worker`) still running after the outage | {"yes" if worker_alive else "**no**: it exits on the first database error that is not a lock"} |
""",
    )


def _multipart(csrf: str, name: str, size: int) -> tuple[bytes, str]:
    boundary = "drillboundary7d93"
    header = "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
    line = "D1,1,8418.69,R-22 refrigerant in 13.6 kg cylinders,CN,GH,10,u,300\n"
    content = (header + line * max(1, (size - len(header)) // len(line))).encode()
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{csrf}\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="edition"\r\n\r\nHS2022\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="mapping"\r\n\r\n\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: text/csv\r\n\r\n",
    ]
    body = "".join(parts).encode() + content + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def _used(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def drill_disk(tmp: Path) -> None:
    """Uploads into a 20 MB tmpfs that holds the temporary upload files and the private files."""
    var = tmp / "var"
    disk = tmp / "disk"
    disk.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_MB}m", "tmpfs", str(disk)], check=True)  # noqa: S607
    server = None
    try:
        (disk / "tmp").mkdir()
        (disk / "private").mkdir()
        var.mkdir(parents=True)
        (var / "private").symlink_to(disk / "private")
        env = _env(var) | {"TMPDIR": str(disk / "tmp")}
        setup = _child("disk-setup", env)
        port = _free_port()
        server = _server(env, port, tmp / "server.log")
        headers = {"Cookie": setup["cookie"]}
        cases = [
            ("too big for the disk while it is received", "big.csv", 30 * 2**20),
            ("received, but no room to store it", "medium.csv", 12 * 2**20),
            ("small file after the failures", "small.csv", 10_000),
        ]
        rows = []
        for label, name, size in cases:
            body, content_type = _multipart(setup["csrf"], name, size)
            try:
                status, response_headers, payload = _request(
                    port, "POST", "/screening/", body, headers | {"Content-Type": content_type}
                )
            except OSError as exc:  # the server answered before reading the whole body and closed
                status, response_headers, payload = 0, {}, repr(exc).encode()
            text = payload.decode(errors="replace")
            message = (
                "no room left"
                if "no room left" in text
                else ("redirect" if status == 302 else text[:80].strip())
            )
            home = _request(port, "GET", "/agreements/")[0]
            rows.append(
                f"| {label} | {size / 2**20:.1f} MB | {status} | {message} | "
                f"{response_headers.get('retry-after', '–')} | {_used(disk / 'tmp') / 2**20:.2f} MB | "
                f"{_used(disk / 'private') / 2**20:.2f} MB | {home} |"
            )
        jobs = _child("disk-check", env)["jobs"]
    finally:
        _stop(server)
        subprocess.run(["umount", "-l", str(disk)], check=False)  # noqa: S607
    _section(
        "Drill: the disk fills up during an upload",
        f"""Granian serving `greencustoms` with the temporary upload files (`TMPDIR`) and the private files
(screening uploads) on a {TMPFS_MB} MB tmpfs, the database elsewhere. A signed-in officer uploads, in turn, a file
larger than the disk, a file that fits while it is received but not twice (temporary file + stored copy),
and a small file; after each upload the agreements page is requested.

| upload | size | status | message | Retry-After | temporary files left | private files | next page |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Jobs in the database afterwards: {jobs} (only the small file's).
""",
    )


def drill_backup(tmp: Path) -> None:
    """SQLite → archive → PostgreSQL → archive → SQLite, every table and file compared each time."""
    pg = Postgres(tmp / "pgroot")
    try:
        sqlite_a = _env(tmp / "a")
        source = _child("backup-setup", sqlite_a)
        rows = []
        archive_1, archive_2 = tmp / "from-sqlite.tar.gz", tmp / "from-postgres.tar.gz"
        steps = [
            ("SQLite → PostgreSQL", sqlite_a, _env(tmp / "b", pg.createdb("restored")), archive_1),
        ]
        steps.append(("PostgreSQL → SQLite", steps[0][2], _env(tmp / "c"), archive_2))
        for label, src_env, dst_env, archive in steps:
            before = _child("backup-dump", src_env)
            t = time.monotonic()
            subprocess.run([PY, "-m", "greencustoms.cli", "backup", "-o", str(archive)], cwd=ROOT, env=src_env,
                           check=True, capture_output=True)  # fmt: skip
            backup_s = time.monotonic() - t
            t = time.monotonic()
            done = subprocess.run([PY, "-m", "greencustoms.cli", "restore", str(archive)], cwd=ROOT, env=dst_env,
                                  capture_output=True, text=True)  # fmt: skip
            restore_s = time.monotonic() - t
            if done.returncode != 0:
                raise RuntimeError(f"restore failed: {done.stderr[-2000:]}")
            after = _child("backup-dump", dst_env)
            tables_differ = [t for t in before["tables"] if before["tables"][t] != after["tables"].get(t)]
            files_differ = [f for f in before["files"] if before["files"][f] != after["files"].get(f)]
            rows.append(
                f"| {label} | {len(before['tables'])} | {before['rows']:,} | {after['rows']:,} | {len(before['files'])} "
                f"| {len(tables_differ)} {tables_differ[:3] if tables_differ else ''} | {len(files_differ)} "
                f"| {archive.stat().st_size / 1e6:.1f} MB | {backup_s:.0f} s | {restore_s:.0f} s |"
            )
        del source
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            pg.stop("fast")
    _section(
        "Drill: backup and restore across SQLite and PostgreSQL",
        """A throwaway installation (reference data and its data release, partners' meetings and action points,
20 accounts with API tokens, a private screening file and a public document) backed up with `greencustoms
backup -o FILE` and restored with `greencustoms restore FILE` into an empty installation on the other database;
then the restored PostgreSQL installation backed up and restored into a new SQLite one. Every table's rows
(all columns, ordered by primary key) and every file's bytes compared (SHA-256).

| round trip | tables | rows before | rows after | files | tables differing | files differing | archive | backup | restore |
|---|---|---|---|---|---|---|---|---|---|
"""
        + "\n".join(rows)
        + "\n",
    )


DRILLS = {"jobs": drill_jobs, "postgres": drill_postgres, "disk": drill_disk, "backup": drill_backup}


def main(argv: list[str]) -> int:
    if argv[:1] == ["--step"]:
        result = STEPS[argv[1]](*argv[2:])
        print(json.dumps(result, default=str), flush=True)
        return 0
    wanted = [name for name in DRILLS if not argv or name in argv]
    failures = 0
    for name in wanted:
        print(f"== drill {name}", flush=True)
        start = time.monotonic()
        tmp = Path(tempfile.mkdtemp(prefix=f"gc-drill-{name}-"))
        try:
            DRILLS[name](tmp)
        except Exception as exc:  # one failing drill must not hide the others' figures
            failures += 1
            print(f"!! drill {name} failed: {exc!r}", flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        print(f"== drill {name} done in {time.monotonic() - start:.0f} s", flush=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
