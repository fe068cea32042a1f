"""Page weight and first contentful paint of the pages an officer opens on a phone, on a throttled 3G link.

Serves the demo (``greencustoms demo`` then ``greencustoms run``, Granian with WhiteNoise, DEBUG off) from a
throwaway var/ and opens each page once in Debian's chromium through Playwright, with a phone viewport and the
network throttled by the DevTools protocol (RTT 300 ms, 1.6 Mbit/s down, 750 kbit/s up: the "Regular 3G" of
Chrome DevTools, rounded). Each page is opened on a cold cache (new browser context), so the figures include the
stylesheet and pictures. Transferred bytes are the encoded sizes of every response the page loaded.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.results import write_section

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
THROTTLE = {
    "offline": False,
    "latency": 300,
    "downloadThroughput": 1_600_000 / 8,
    "uploadThroughput": 750_000 / 8,
}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _measure(browser, base: str, path: str, storage_state=None) -> dict:  # type: ignore[no-untyped-def]
    context = browser.new_context(base_url=base, locale="en-GB", storage_state=storage_state, **PHONE)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", THROTTLE)
    sizes: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], int(e["encodedDataLength"]))
    )
    start = time.perf_counter()
    response = page.goto(path, wait_until="load", timeout=120_000)
    loaded = time.perf_counter() - start
    fcp = page.evaluate(
        "() => { const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : null; }"
    )
    time.sleep(0.5)  # the last loadingFinished events
    result = {
        "path": path,
        "status": response.status if response else None,
        "final_url": page.url.replace(base, ""),
        "requests": len(sizes),
        "kb": round(sum(sizes.values()) / 1024, 1),
        "fcp_ms": round(fcp) if fcp is not None else None,
        "load_s": round(loaded, 2),
    }
    context.close()
    return result


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="greencustoms-bench-weight-") as tmp:
        port = _free_port()
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "greencustoms.settings.dev",
            "GREENCUSTOMS_VAR_DIR": tmp,
            "DATABASE_URL": "",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SITE_URL": f"http://127.0.0.1:{port}",
        }
        cli = [sys.executable, "-m", "greencustoms.cli"]
        subprocess.run([*cli, "demo"], env=env, cwd=ROOT, check=True, capture_output=True, timeout=1800)
        server = subprocess.Popen(
            [*cli, "run", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.time() + 600
            while time.time() < deadline:
                try:
                    if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:  # noqa: S310 - local
                        break
                except OSError:
                    time.sleep(1)
            rows = []
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
                for path in ("/", "/agreements/?q=R-22", "/fr/"):
                    rows.append(_measure(browser, base, path))
                # An officer signs in, enrols in the Montreal module, opens its first lesson, screens a file.
                context = browser.new_context(base_url=base, locale="en-GB")
                page = context.new_page()
                page.goto("/account/login/")
                page.get_by_label("E-mail address").fill("officer@example.org")
                page.get_by_label("Password").fill("greencustoms-demo")
                page.get_by_role("button", name="Sign in").click()
                page.wait_for_load_state()
                page.goto("/learning/montreal-protocol/")
                enrol = page.get_by_role("button", name="Enrol")
                if enrol.count():
                    enrol.first.click()
                    page.wait_for_load_state()
                csv = Path(tmp) / "declarations.csv"
                csv.write_text(
                    "declaration_id,line_no,hs_code,description,origin,destination,quantity,unit,value\n"
                    "D1,1,290371,refrigerant gas R-22 in cylinders,CN,KE,100,kg,500\n"
                    "D1,2,850710,lead-acid batteries,CN,KE,20,u,900\n"
                )
                page.goto("/screening/")
                page.locator("input[type=file]").set_input_files(str(csv))
                page.locator("form button[type=submit], form input[type=submit]").last.click()
                page.wait_for_url("**/screening/jobs/*/", timeout=60_000)
                job_path = page.url.replace(base, "")
                for _ in range(120):  # the job runs in the background worker
                    time.sleep(1)
                    try:
                        page.goto(job_path, wait_until="load")
                    except Exception:  # noqa: BLE001, S112 - htmx may refresh the page under the navigation
                        continue
                    if "<progress" not in page.content():
                        break
                state = context.storage_state()
                context.close()
                rows.append(_measure(browser, base, "/learning/montreal-protocol/lessons/1/", state))
                rows.append(_measure(browser, base, job_path, state))
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(json.dumps(rows, indent=1))
    lines = [
        "Phone (390×844, DPR 2), cold cache, throttled: RTT 300 ms, 1.6 Mbit/s down, 750 kbit/s up (DevTools protocol).",
        "Served by `greencustoms run` (Granian, WhiteNoise, DEBUG off) with the demo data; chromium via Playwright.",
        "",
        "| page | status | requests | transferred (KB) | first contentful paint (ms) | load (s) |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| `{r['path']}` | {r['status']} | {r['requests']} | {r['kb']} | {r['fcp_ms']} | {r['load_s']} |"
        )
    home = rows[0]
    lines.append("")
    lines.append(f"Home page: {home['kb']} KB transferred (target < 50 KB).")
    write_section("Page weight and first paint on a 3G phone (issue #18)", "\n".join(lines))


if __name__ == "__main__":
    main()
