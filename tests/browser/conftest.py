"""Real-browser tests: Playwright driving Debian's chromium against pytest-django's live server."""

import os
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from playwright.sync_api import expect

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session", autouse=True)
def _no_stray_database_sessions(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """On PostgreSQL, end the sessions the live server's threads may still hold when the run ends, so that the test
    database can be dropped (otherwise: "database is being accessed by other users" at teardown)."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
    connection.close()


@pytest.fixture(scope="session")
def browser(live_server: Any) -> Iterator[Any]:
    """One chromium for the run. It depends on the live server so that it closes first: a server stopped while
    chromium still holds keep-alive connections leaves their sockets unclosed (ResourceWarning, an error here)."""
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"chromium not found at {CHROMIUM}")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still sync.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser: Any, live_server: Any) -> Iterator[Any]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    expect.set_options(timeout=15_000)  # assertions retry as long as actions wait (the CI machine is slow)
    yield page
    context.close()


@pytest.fixture
def site(transactional_db: Any) -> None:
    """Reference data the pages need (partners, home page)."""
    from greencustoms.partners.reference import load as load_partners
    from greencustoms.website.reference import load as load_site

    load_partners(stdout=StringIO())
    load_site(stdout=StringIO())


def totp_code(user: Any) -> str:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user=user, confirmed=True)
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def sign_in(page: Any, user: Any, password: str) -> None:
    """Sign in through the login form (and the second step when the account has a device)."""
    page.goto("/account/login/")
    page.get_by_label("E-mail address").fill(user.email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    if "/two-factor/verify/" in page.url:
        page.get_by_label("Code from your authenticator app").fill(totp_code(user))
        page.get_by_role("button", name="Verify").click()
    page.wait_for_load_state()
