"""The site header: shared fragments (Django's `{% cache %}`), personal values (name, CSRF token, path) outside them."""

import re
from typing import Any

import pytest
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.test import Client, RequestFactory

from greencustoms.accounts.csrf import page_csrf_token
from greencustoms.accounts.models import User
from greencustoms.conftest import make_user, signed_in_client
from greencustoms.website import chrome

TOKEN_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


def test_the_header_is_shared_but_each_user_sees_their_own_name_escaped(db: Any) -> None:
    ann, bob = make_user("ann@test.example"), make_user("bob@test.example")
    User.objects.filter(pk=ann.pk).update(full_name="<b>Ann</b>")
    User.objects.filter(pk=bob.pk).update(full_name="Bob")
    first = signed_in_client(ann).get("/learning/").content.decode()
    request = RequestFactory().get("/learning/")
    request.user = bob
    key = make_template_fragment_key("gc_header_nav", ["en", chrome.header_context(request)["gc_nav_key"]])
    shared = cache.get(key)
    assert 'href="/learning/"' in shared and "Ann" not in shared and "csrf" not in shared
    cache.set(key, shared.replace("</h2>", "</h2><!--from the cache-->", 1))
    second = signed_in_client(bob).get("/learning/").content.decode()  # same variant: the shared fragment
    assert "<!--from the cache-->" in second
    assert "&lt;b&gt;Ann&lt;/b&gt;" in first and "<b>Ann" not in first
    assert 'data-nav="profile">Bob<' in second and "Ann" not in second


def test_one_csrf_token_per_page_and_it_is_accepted(officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer, backend="greencustoms.accounts.backends.EmailBackend")
    client.get("/learning/")  # the cached header variant is now in the cache
    page = client.get("/learning/").content.decode()
    tokens = set(TOKEN_RE.findall(page))
    assert len(tokens) == 1  # language switch and sign-out forms share the page's token
    response = client.post(
        "/i18n/setlang/", {"language": "fr", "next": "/learning/", "csrfmiddlewaretoken": tokens.pop()}
    )
    assert response.status_code == 302
    forged = client.post("/i18n/setlang/", {"language": "fr", "next": "/", "csrfmiddlewaretoken": "x" * 64})
    assert forged.status_code == 403


def test_the_language_switch_gets_this_requests_path_escaped_without_its_language() -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    request = RequestFactory().get('/fr/learning/"x/')
    request.user = AnonymousUser()
    html = render_to_string(chrome.HEADER_TEMPLATE, chrome.header_context(request))
    assert '<input name="next" type="hidden" value="/learning/&quot;x/">' in html  # language prefix dropped
    assert f'value="{page_csrf_token(request)}"' in html


def test_the_header_varies_by_role_and_current_link(officer: Any, secretariat_user: Any) -> None:
    officer_page = signed_in_client(officer).get("/learning/").content.decode()
    staff_page = signed_in_client(secretariat_user).get("/learning/").content.decode()
    assert 'data-nav="admin"' not in officer_page and 'data-nav="admin"' in staff_page
    assert '<a href="/learning/" aria-current="page"' in officer_page
    other = signed_in_client(officer).get("/library/").content.decode()
    assert (
        '<a href="/learning/" aria-current="page"' not in other
        and 'href="/library/" aria-current="page"' in other
    )


def test_anonymous_visitors_get_sign_in_links_in_their_language(db: Any, client: Any) -> None:
    english = client.get("/learning/").content.decode()
    french = client.get("/fr/learning/").content.decode()
    assert 'data-nav="login">Sign in<' in english and 'data-nav="logout"' not in english
    assert 'aria-current="true">FR<' in french and 'data-nav="login">Sign in<' not in french


def test_page_csrf_token_is_made_once_and_again_after_rotation() -> None:
    from django.middleware.csrf import rotate_token

    request = RequestFactory().get("/")
    first = page_csrf_token(request)
    assert page_csrf_token(request) == first
    rotate_token(request)
    assert page_csrf_token(request) != first


def test_the_static_storage_remembers_urls(settings: Any) -> None:
    from greencustoms.website.storage import StaticStorage

    calls = []

    class Counting(StaticStorage):
        def stored_name(self, name: str) -> str:
            calls.append(name)
            return "css/site.0123.css"

    storage = Counting()
    assert storage.url("css/site.css") == storage.url("css/site.css") == "/static/css/site.0123.css"
    assert calls == ["css/site.css"]
    settings.DEBUG = True  # while debugging, Django serves unhashed names, and nothing is remembered
    assert storage.url("css/site.css") == "/static/css/site.css"
