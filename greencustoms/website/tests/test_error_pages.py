"""Error pages inside the site's frame: header, menu, search, the way back, in the visitor's language."""

from typing import Any

import pytest
from django.test import Client, RequestFactory

from greencustoms.conftest import signed_in_client


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def test_a_missing_page_answers_404_inside_the_frame(db: Any) -> None:
    response = Client().get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in body
    assert 'aria-label="Main navigation"' in body  # the header and its menu
    assert 'action="/search/"' in body and 'href="/agreements/"' in body
    assert "/account/login/?next=/no-such-page/" in body


def test_the_404_speaks_french_under_fr(db: Any) -> None:
    response = Client().get("/fr/pas-de-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="fr">' in body and "Page introuvable" in body


def test_an_officer_following_a_link_to_the_intranet_gets_the_framed_page(officer: Any) -> None:
    response = signed_in_client(officer).get("/library/intranet/")
    assert response.status_code in (403, 404)
    body = response.content.decode()
    assert 'aria-label="Main navigation"' in body and "ask the secretariat" in body


def test_the_server_error_page_needs_no_database_and_keeps_the_frame() -> None:
    from greencustoms.website.outage import server_error

    response = server_error(RequestFactory().get("/boom/"))
    body = response.content.decode()
    assert response.status_code == 500
    assert 'class="site-header"' in body and 'action="/search/"' in body and "Something went wrong" in body


def test_a_failed_screening_job_shows_what_to_do_next_instead_of_a_progress_bar(db: Any) -> None:
    from types import SimpleNamespace

    from django.template.loader import render_to_string

    def job(status: str) -> SimpleNamespace:
        return SimpleNamespace(
            pk=7,
            status=status,
            finished=status == "failed",
            is_failed=status == "failed",  # ScreeningJob's named properties the templates ask
            is_done=status == "done",
            progress=0.0,
            records=0,
            hits=0,
            error="line 2: hs_code is not a number",
            get_status_display=lambda: status.capitalize(),
        )

    failed = render_to_string("screening/_progress.html", {"job": job("failed")})
    assert "<progress" not in failed and "What to do next" in failed
    assert "“Declarations file”" in failed and "“Column mapping (optional)”" in failed
    assert 'href="/screening/"' in failed and "job number 7" in failed and "hs_code is not a number" in failed
    running = render_to_string("screening/_progress.html", {"job": job("running")})
    assert "<progress" in running and "What to do next" not in running
