"""The two-factor gate matches exact path prefixes, and all of /admin/ needs a verified session (issue #13)."""

from typing import Any

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse

from greencustoms.accounts.middleware import TwoFactorRequiredMiddleware
from greencustoms.accounts.models import User
from greencustoms.conftest import make_user, signed_in_client

pytestmark = pytest.mark.django_db


def _password_only(user: User) -> Client:
    client = Client()
    client.force_login(user, backend="greencustoms.accounts.backends.EmailBackend")
    return client


def test_the_wagtail_admin_api_needs_the_second_factor(secretariat_user: User) -> None:
    client = _password_only(secretariat_user)
    for url in ("/admin/api/main/pages/", "/admin/api/main/pages/?search=x", "/admin/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("accounts:two_factor_verify"), url
    assert signed_in_client(secretariat_user).get("/admin/api/main/pages/").status_code == 200


def test_any_staff_account_needs_a_verified_session_for_the_admin(db: Any) -> None:
    # An officer made a Wagtail editor: two factors are optional for officers, not in the admin.
    editor = make_user("editor@test.example", is_staff=True)
    editor.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    assert signed_in_client(editor).get("/admin/").status_code == 302  # no device: set one up first
    response = _password_only(editor).get("/admin/api/main/pages/")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:two_factor_setup")


def test_a_path_merely_containing_an_allowed_prefix_is_not_allowed(partner_user: User) -> None:
    client = _password_only(partner_user)
    for url in ("/partners/api/", "/news/static/", "/library/account/two-factor/"):
        response = client.get(url)
        assert response.status_code == 302 and "two-factor" in response["Location"], url
    # What stays open before the second factor: the API (the policy limits it), the two-factor pages.
    assert client.get("/api/v1/me").json()["levels"] == ["public", "registered"]
    assert client.get("/fr/account/two-factor/verify/").status_code == 200
    assert client.get(reverse("accounts:two_factor_verify")).status_code == 200


@pytest.mark.parametrize(
    ("path", "needs"),
    [
        ("/api/v1/me", False),
        ("/static/site.css", False),
        ("/fr/account/two-factor/setup/", False),
        ("/es/account/logout/", False),
        ("/admin/api/main/pages/", True),
        ("/admin/", True),
        ("/fr/library/api/", True),
        ("/library/static/x", True),
        ("/apiv1/", True),
    ],
)
def test_gate_paths_for_partner_staff(partner_user: User, path: str, needs: bool) -> None:
    assert TwoFactorRequiredMiddleware._needs_second_factor(partner_user, path) is needs


def test_officers_pass_everywhere_but_the_admin(officer: User) -> None:
    assert TwoFactorRequiredMiddleware._needs_second_factor(officer, "/library/") is False
    assert TwoFactorRequiredMiddleware._needs_second_factor(officer, "/admin/api/main/pages/") is True
