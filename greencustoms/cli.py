"""The `greencustoms` command.

greencustoms run [--host H] [--port P] [--workers N] [--threads T] [--check]
greencustoms demo
greencustoms token create EMAIL [--name NAME]
greencustoms manage …                       (any Django management command)
greencustoms screen INPUT -o HITS …         (the screening engine, without Django when it can)
greencustoms trade mirror INPUT... -o OUT   (mirror analysis of Comtrade-format trade data)
greencustoms backup -o FILE                 (database, uploaded files and data release in one archive)
greencustoms restore FILE [--force]         (into an empty installation; --force replaces what is there)
greencustoms cases import FILE              (seizure records, CSV or JSON in CEN fields; all or nothing)
greencustoms <command> …                    (lookup, data, ruleset, learning, guide, …: app commands)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

DEFAULT_SETTINGS = "greencustoms.settings.dev"
#: Seconds Granian gives in-flight requests after SIGTERM before it kills a worker that is still busy.
SERVER_GRACE_SECONDS = 5
#: Seconds the task worker may take to finish its task after SIGTERM; then it is told again, which
#: interrupts the task (a screening job goes back to the queue for the next worker).
WORKER_GRACE_SECONDS = 3
#: Seconds after the stop signal by which every child has exited (SIGKILL for any that has not).
STOP_SECONDS = 9
DEMO_PASSWORD = "greencustoms-demo"  # noqa: S105 - the published password of the demo accounts


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django

    django.setup()


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="greencustoms run", description="Set up and serve the platform.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument(
        "--workers",
        type=int,
        default=max(2, os.cpu_count() or 2),
        help="server worker processes (default: one per CPU)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=2,
        help="Python threads per worker running requests (1 gives the best tail on a saturated machine)",
    )
    parser.add_argument("--check", action="store_true", help="set up, self-test and exit without serving")
    parser.add_argument(
        "--no-background", action="store_true", help="do not start the task worker and scheduler"
    )
    args = parser.parse_args(argv)

    # local import: Django is set up by the subcommand first (settings chosen from the arguments)
    from greencustoms.bootstrap import compile_translations, prepare

    compile_translations(stdout=sys.stdout)
    _setup_django()
    prepare(stdout=sys.stdout)
    if args.check:
        return _self_test()

    url = f"http://{args.host}:{args.port}/"
    _print_banner(url)
    env = dict(os.environ)
    # Each child leads its own process group: a signal to ours (systemd, Docker, Ctrl-C) reaches only this
    # process, which tells each child once, in order, and can kill a child with everything it started.
    children: list[subprocess.Popen[bytes]] = []
    if not args.no_background:
        manage = [sys.executable, "-m", "greencustoms.cli", "manage"]
        children.append(subprocess.Popen([*manage, "db_worker"], env=env, process_group=0))  # noqa: S603
        children.append(subprocess.Popen([*manage, "scheduler"], env=env, process_group=0))  # noqa: S603
    command = server_command(args.host, args.port, args.workers, args.threads)
    server = subprocess.Popen(command, env=env, process_group=0)  # noqa: S603
    stop_requested: list[float] = []

    def _stop(signum: int, frame: object) -> None:
        if not stop_requested:
            stop_requested.append(time.monotonic())
            for child in [server, *children]:
                _signal(child, signal.SIGTERM)

    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGHUP, _stop)
    code = _wait_for_server(server, stop_requested)
    asked = bool(stop_requested)
    if not asked:  # the server exited by itself: stop the background processes too
        _stop(signal.SIGTERM, None)
    _stop_children(children, since=stop_requested[0])
    _exit_now(0 if asked else code)
    return 0 if asked else code  # not reached


def _exit_now(code: int) -> None:
    """Exit without tearing the interpreter down: this process still holds everything the set-up loaded,
    and freeing it took seconds of a busy machine's time while systemd's stop timer ran."""
    from django.db import connections

    connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _wait_for_server(server: subprocess.Popen[bytes], stop_requested: list[float]) -> int:
    """The server's exit status; once asked to stop, at most STOP_SECONDS (then it is killed)."""
    while True:
        try:
            return server.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            if stop_requested and time.monotonic() - stop_requested[0] >= STOP_SECONDS:
                _signal(server, signal.SIGKILL)


def _signal(child: subprocess.Popen[bytes], signum: int) -> None:
    """Signal a child (SIGKILL: its whole process group, e.g. Granian and its workers)."""
    if signum == signal.SIGKILL:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signum)
    elif child.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            child.send_signal(signum)


def _stop_children(children: list[subprocess.Popen[bytes]], *, since: float) -> None:
    """The task worker may finish its task for WORKER_GRACE_SECONDS; then it is told again, which
    interrupts the task (its screening job goes back to the queue); anything alive at STOP_SECONDS dies."""
    told_again = False
    while any(child.poll() is None for child in children):
        elapsed = time.monotonic() - since
        if elapsed >= STOP_SECONDS:
            for child in children:
                _signal(child, signal.SIGKILL)
                child.wait()
            return
        if elapsed >= WORKER_GRACE_SECONDS and not told_again:
            told_again = True
            for child in children:
                _signal(child, signal.SIGTERM)
        time.sleep(0.05)


def server_command(host: str, port: int, workers: int, threads: int, *, access_log: bool = True) -> list[str]:
    """The HTTP server: Granian (Rust) reads and writes the sockets, so a slow client on a poor link
    holds no Python thread; each worker runs the WSGI application in ``threads`` threads."""
    bin_dir = Path(sys.executable).parent
    granian = shutil.which("granian", path=str(bin_dir)) or "granian"
    return [
        granian,
        "--interface", "wsgi",
        "--host", host,
        "--port", str(port),
        "--workers", str(workers),
        "--blocking-threads", str(threads),
        "--respawn-failed-workers",
        "--workers-kill-timeout", str(SERVER_GRACE_SECONDS),
        *(["--access-log"] if access_log else []),
        "--log-level", "warning" if not access_log else "info",
        "greencustoms.wsgi:application",
    ]  # fmt: skip


def _self_test() -> int:
    """Render the home page and the OpenAPI document in-process; 0 when both answer 200."""
    from django.test import Client

    client = Client()
    failures = []
    for path in ("/", "/api/v1/openapi.json", "/account/login/"):
        response = client.get(path, HTTP_HOST="127.0.0.1")
        status = "ok" if response.status_code == 200 else f"FAILED ({response.status_code})"
        print(f"check {path}: {status}")
        if response.status_code != 200:
            failures.append(path)
    return 1 if failures else 0


def _print_banner(url: str) -> None:
    # local import: Django is set up by the subcommand first (settings chosen from the arguments)
    from greencustoms.accounts.demo import DEMO_ACCOUNTS

    # local import: Django is set up by the subcommand first (settings chosen from the arguments)
    from greencustoms.accounts.models import User

    print(f"\nGreen Customs is starting on {url}\n")
    demo = [email for email, *_rest in DEMO_ACCOUNTS if User.objects.filter(email=email).exists()]
    if demo:
        print(f"Demo accounts (password: {DEMO_PASSWORD}):")
        for email in demo:
            print(f"  {email}")
        print("Two-factor secrets of the demo accounts are printed by `greencustoms demo`.\n")
    sys.stdout.flush()


def _demo(argv: list[str]) -> int:
    # local import: Django is set up by the subcommand first (settings chosen from the arguments)
    from greencustoms.bootstrap import compile_translations, load_demo, prepare

    compile_translations(stdout=sys.stdout)
    _setup_django()
    from django.conf import settings
    from django.core.management.base import CommandError

    try:
        if settings.GREENCUSTOMS_ENV == "production":
            raise CommandError("Demo data is never loaded under production settings.")
        prepare(stdout=sys.stdout)
        load_demo(stdout=sys.stdout)
    except CommandError as exc:
        print(f"greencustoms demo: {exc}", file=sys.stderr)
        return 2
    return 0


def _manage(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["greencustoms manage", *argv])
    return 0


def _screen(argv: list[str]) -> int:
    """The engine's CLI runs without Django (fast start); fall back to a management command."""
    try:
        # local import: the engine's CLIs run without Django; loaded only for their subcommand
        from greencustoms.engine.cli import main as engine_main
    except ImportError:
        return _command("screen", argv)
    return engine_main(argv)


def _trade(argv: list[str]) -> int:
    """`greencustoms trade mirror …`: the engine's mirror analysis, without Django."""
    # local import: the engine's CLIs run without Django; loaded only for their subcommand
    from greencustoms.engine.trade_cli import main as trade_main

    return trade_main(argv)


def _backup(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="greencustoms backup", description="Database, uploaded files and data release in one archive."
    )
    parser.add_argument("-o", "--output", required=True, type=Path, help="archive to write (.tar.gz)")
    args = parser.parse_args(argv)
    _setup_django()
    # local import: Django is set up by the subcommand first (settings chosen from the arguments)
    from greencustoms.backup import BackupError, backup

    try:
        backup(args.output, stdout=sys.stdout)
    except (BackupError, OSError) as exc:
        print(f"greencustoms backup: {exc}", file=sys.stderr)
        return 1
    return 0


def _restore(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="greencustoms restore", description="Restore an archive written by `greencustoms backup`."
    )
    parser.add_argument("archive", type=Path)
    parser.add_argument("--force", action="store_true", help="replace the accounts and files already here")
    args = parser.parse_args(argv)
    _setup_django()
    # local import: Django is set up by the subcommand first (settings chosen from the arguments)
    from greencustoms.backup import BackupError, restore

    try:
        restore(args.archive, force=args.force, stdout=sys.stdout)
    except BackupError as exc:
        print(f"greencustoms restore: {exc}", file=sys.stderr)
        return 2
    return 0


def _command(name: str, argv: list[str]) -> int:
    _setup_django()
    from django.core.management import get_commands, load_command_class
    from django.core.management.base import CommandError

    if name not in get_commands():
        print(f"greencustoms: unknown command '{name}'. See 'greencustoms --help'.", file=sys.stderr)
        return 2
    command = load_command_class(get_commands()[name], name)
    command._called_from_command_line = True  # usage errors: argparse's message and exit status 2
    parser = command.create_parser("greencustoms", name)
    try:
        options = vars(parser.parse_args(argv))
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    args = options.pop("args", ())
    try:
        # Not run_from_argv: it closes every database connection afterwards, which breaks callers that go on
        # using theirs (tests inside a transaction, a notebook).
        command.execute(*args, **options)
    except CommandError as exc:
        print(f"greencustoms {name}: {exc}", file=sys.stderr)
        return exc.returncode
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help", "help"):
        print(__doc__)
        return 0
    name, rest = argv[0], argv[1:]
    handlers = {"run": _run, "demo": _demo, "manage": _manage, "screen": _screen}
    handlers |= {"backup": _backup, "restore": _restore, "trade": _trade}
    if name in handlers:
        return handlers[name](rest)
    return _command(name, rest)


if __name__ == "__main__":
    sys.exit(main())
