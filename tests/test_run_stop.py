"""`greencustoms run` stops on SIGTERM (as systemd and Docker send it): exit 0 within 10 s, no process left."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_setup import GREENCUSTOMS, ROOT, _env

STARTUP_SECONDS = 900  # a fresh database imports the reference data first (minutes on a busy machine)


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One temporary SQLite database for the module: the first run sets it up, the next reuse it."""
    yield tmp_path_factory.mktemp("run-stop")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _descendants(pid: int) -> set[int]:
    """Every process started under `pid` (from /proc), whatever process group it leads."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has exited; only its parent's wait is missing


def _start(var_dir: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    env = _env(var_dir)  # the database under var_dir/var
    server = subprocess.Popen(  # noqa: S603
        [*GREENCUSTOMS, "run", "--port", str(port), "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group, as under systemd or in a container
    )
    deadline = time.monotonic() + STARTUP_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10) as response:  # noqa: S310
                assert response.read() == b"ok"
                return server, port
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                os.killpg(server.pid, signal.SIGKILL)
                pytest.fail(f"`greencustoms run` did not answer /healthz (exit status {server.poll()})")
            time.sleep(0.5)


@pytest.mark.parametrize("target", ["process group", "main process"])
def test_sigterm_stops_the_server_and_its_background_processes(var_dir: Path, target: str) -> None:
    server, port = _start(var_dir)
    children = _descendants(server.pid)
    assert len(children) >= 4, children  # Granian, its workers, the task worker, the scheduler
    # a client on a slow link, half-way through its request: Granian alone waited 30 s for the rest
    slow = socket.create_connection(("127.0.0.1", port))
    slow.sendall(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n")
    try:
        if target == "process group":
            os.killpg(server.pid, signal.SIGTERM)
        else:
            server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=10)
    finally:
        slow.close()
        for pid in _descendants(server.pid) | children | {server.pid}:
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
    assert code == 0
    assert [pid for pid in children if _alive(pid)] == []
