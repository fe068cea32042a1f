"""A fresh server sets itself up from nothing; demo is idempotent; production settings are strict."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GREENCUSTOMS = [sys.executable, "-m", "greencustoms.cli"]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(GREENCUSTOMS_VAR_DIR=str(tmp_path / "var"), **extra)
    return env


def _run(args: list[str], env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)  # noqa: S603


def _count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute(f"select count(*) from {table}").fetchone()[0]  # noqa: S608 - fixed table names


def test_run_check_sets_up_a_fresh_database_and_demo_is_idempotent(tmp_path: Path) -> None:
    env = _env(tmp_path)
    check = _run([*GREENCUSTOMS, "run", "--check"], env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "check /: ok" in check.stdout and "check /api/v1/openapi.json: ok" in check.stdout
    db = tmp_path / "var" / "greencustoms.sqlite3"
    assert db.exists()
    key = tmp_path / "var" / "secret_key"
    assert key.stat().st_mode & 0o777 == 0o600

    first = _run([*GREENCUSTOMS, "demo"], env)
    assert first.returncode == 0, first.stderr
    assert "enforcement@example.org:" in first.stdout  # its TOTP secret is printed
    counts = {t: _count(db, t) for t in ("accounts_user", "partners_partner", "wagtailcore_page")}
    second = _run([*GREENCUSTOMS, "demo"], env)
    assert second.returncode == 0, second.stderr
    assert {t: _count(db, t) for t in counts} == counts
    # exactly the five demo accounts of the contract can sign in; the other demo people (award jury members,
    # workshop participants) have no usable password (Django marks one with a leading "!")
    with sqlite3.connect(db) as conn:
        usable = {
            row[0] for row in conn.execute("select email from accounts_user where password not like '!%'")
        }
    assert usable == {
        "officer@example.org", "enforcement@example.org", "trainer@example.org", "partner@example.org",
        "secretariat@example.org",
    }  # fmt: skip


def test_production_settings_refuse_to_start_without_secret_key(tmp_path: Path) -> None:
    env = _env(
        tmp_path, DJANGO_SETTINGS_MODULE="greencustoms.settings.production", DATABASE_URL="sqlite:///x.db"
    )
    result = _run([sys.executable, "manage.py", "check"], env)
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


def test_production_settings_refuse_demo_data(tmp_path: Path) -> None:
    env = _env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="greencustoms.settings.production",
        SECRET_KEY="p" * 20 + "roduction-secret-key-that-is-long-enough-1234567890",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.db'}",
    )
    result = _run([*GREENCUSTOMS, "demo"], env)
    assert result.returncode == 2 and "never loaded under production" in result.stderr


@pytest.mark.parametrize("settings_module", ["greencustoms.settings.production"])
def test_production_settings_pass_check_deploy(tmp_path: Path, settings_module: str) -> None:
    env = _env(
        tmp_path,
        DJANGO_SETTINGS_MODULE=settings_module,
        SECRET_KEY="k" * 20 + "-a-production-secret-key-with-enough-entropy-0123456789",
        DATABASE_URL=f"sqlite:///{tmp_path / 'prod.db'}",
        ALLOWED_HOSTS="greencustoms.example.org",
    )
    result = _run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_server_command_serves_the_application(tmp_path: Path) -> None:
    """`greencustoms run` starts Granian with the WSGI application; it answers on the port it was given."""
    import socket
    import time
    import urllib.request

    from greencustoms.cli import server_command

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = _env(tmp_path, DJANGO_SETTINGS_MODULE="greencustoms.settings.dev")
    server = subprocess.Popen(server_command("127.0.0.1", port, 1, 1, access_log=False), cwd=ROOT, env=env)  # noqa: S603
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:  # noqa: S310
                    assert response.status == 200 and response.read() == b"ok"
                    break
            except OSError:
                assert time.monotonic() < deadline, "the server did not answer within 60 s"
                assert server.poll() is None, "the server exited"
                time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=30)
