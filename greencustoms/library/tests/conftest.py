"""Fixtures of the library tests: the demo site loaded, and every role as (name, user, client)."""

from io import StringIO
from typing import Any

import pytest

from greencustoms.accounts.policy import Level
from greencustoms.conftest import PARTNER_ORG, ROLE_FIXTURES, ROLE_LEVELS
from greencustoms.library.demo import CANARIES as DOC_CANARIES
from greencustoms.website.demo import PAGE_CANARIES

#: Restricted Wagtail document and image placed by the matrix fixture (collections with a level).
EXTRA_CANARIES = {
    "GCCANARY-wagtaildoc-enforcement-11d0": (Level.ENFORCEMENT, None),
    "GCCANARY-wagtaildoc-intranet-64ab": (Level.INTRANET, None),
}
ALL_CANARIES: dict[str, tuple[str, str | None]] = {**DOC_CANARIES, **PAGE_CANARIES, **EXTRA_CANARIES}


def allowed_canaries(role: str) -> set[str]:
    levels = ROLE_LEVELS[role]
    own = PARTNER_ORG.get(role)
    return {c for c, (level, owner) in ALL_CANARIES.items() if level in levels or (own and owner == own)}


def forbidden_canaries(role: str) -> set[str]:
    return set(ALL_CANARIES) - allowed_canaries(role)


@pytest.fixture
def demo_content(
    partners: Any,
    officer: Any,
    enforcement_without_2fa: Any,
    enforcement_user: Any,
    trainer: Any,
    partner_user: Any,
    secretariat_user: Any,
) -> None:
    """Home page, demo pages and demo library (users exist first, so partner editors are synced)."""
    from greencustoms.library.demo import load as load_library
    from greencustoms.tests.factories import AgreementFactory
    from greencustoms.website.demo import load as load_pages
    from greencustoms.website.reference import load as load_home

    for slug in ("basel", "rotterdam", "stockholm", "montreal", "cites", "cwc"):
        AgreementFactory(slug=slug, short_name="CITES" if slug == "cites" else slug.title())
    out = StringIO()
    load_home(stdout=out)
    load_pages(stdout=out)
    load_library(stdout=out)


__all__ = ["PARTNER_ORG", "ROLE_FIXTURES", "ROLE_LEVELS", "demo_content"]
