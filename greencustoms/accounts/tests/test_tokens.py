"""API tokens are no second factor by themselves (issue #13): recorded at creation, revoked with the password."""

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from greencustoms.accounts import services
from greencustoms.accounts.models import ApiToken, AuditEntry, User
from greencustoms.conftest import PASSWORD, signed_in_client

pytestmark = pytest.mark.django_db

PUBLIC_REGISTERED = ["public", "registered"]


def _password_only_client(user: User) -> Client:
    """Signed in with the password alone: no device verified in this session."""
    client = Client()
    client.force_login(user, backend="greencustoms.accounts.backends.EmailBackend")
    return client


def _mint(client: Client, name: str = "etl", **headers: str) -> Any:
    return client.post(
        "/api/v1/me/tokens", json.dumps({"name": name}), content_type="application/json", **headers
    )


def _me(secret: str) -> Any:
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")


def _new_token(user: User, *, two_factor: bool = True) -> str:
    _token, secret = services.api_token_create(user=user, name="t", two_factor=two_factor, at=timezone.now())
    return secret


def test_a_token_minted_from_a_password_only_session_reaches_no_enforcement_level(
    enforcement_user: User,
) -> None:
    created = _mint(_password_only_client(enforcement_user))
    assert created.status_code == 201 and created.json()["two_factor"] is False
    data = _me(created.json()["token"]).json()
    assert (
        data["levels"] == PUBLIC_REGISTERED and data["roles"] == ["officer"] and data["two_factor"] is False
    )


def test_a_token_minted_from_a_two_factor_session_keeps_the_role_s_levels(enforcement_user: User) -> None:
    created = _mint(signed_in_client(enforcement_user))
    assert created.status_code == 201 and created.json()["two_factor"] is True
    data = _me(created.json()["token"]).json()
    assert data["levels"] == ["public", "registered", "enforcement"] and data["two_factor"] is True


def test_partner_token_from_the_profile_form_without_second_factor_gets_no_intranet(
    partner_user: User,
) -> None:
    client = _password_only_client(partner_user)
    # Partner staff owe their second factor for every page but the API; the profile form is such a page.
    assert client.post(reverse("accounts:token_create"), {"name": "x"}).status_code == 302
    assert not ApiToken.objects.exists()
    verified = signed_in_client(partner_user)
    verified.post(reverse("accounts:token_create"), {"name": "script"})
    secret = re.search(r'id="new-token">([^<]+)<', verified.get(reverse("accounts:profile")).content.decode())
    assert secret is not None
    assert _me(secret.group(1)).json()["levels"] == ["public", "registered", "intranet"]
    assert ApiToken.objects.get().two_factor is True


def test_a_password_only_partner_session_mints_only_a_registered_level_token(partner_user: User) -> None:
    secret = _mint(_password_only_client(partner_user)).json()["token"]
    assert _me(secret).json()["levels"] == PUBLIC_REGISTERED
    assert Client().get("/api/v1/meetings", HTTP_AUTHORIZATION=f"Bearer {secret}").json() == []


def test_a_token_cannot_mint_another_token(enforcement_user: User) -> None:
    secret = _new_token(enforcement_user)
    refused = _mint(Client(), HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert refused.status_code == 403
    assert "session" in refused.json()["detail"]
    assert ApiToken.objects.count() == 1


def test_the_operator_command_mints_a_two_factor_token(partner_user: User, capsys: Any) -> None:
    call_command("token", "create", partner_user.email)
    secret = capsys.readouterr().out.strip()
    assert _me(secret).json()["levels"] == ["public", "registered", "intranet"]
    assert ApiToken.objects.get().two_factor is True


def test_tokens_made_before_the_flag_existed_count_as_password_only(enforcement_user: User) -> None:
    field = ApiToken._meta.get_field("two_factor")
    assert field.default is False


def test_openapi_declares_the_refusal_of_token_minting(client: Client) -> None:
    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/me/tokens"]["post"]
    # 403 (minting from a token) and 401 stand beside the answers every operation with a body declares.
    assert {"201", "401", "403", "422"} <= set(operation["responses"])
    assert "token" in operation["description"]


# --- revocation ------------------------------------------------------------------------------------


def _live(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()


def test_a_password_reset_revokes_every_token(officer: User) -> None:
    secret = _new_token(officer)
    client = Client()
    client.post(reverse("accounts:password_reset"), {"email": officer.email})
    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    path = "/" + link.split("/", 3)[3]
    form_url = client.get(path).url  # Django swaps the token for a session marker first
    response = client.post(
        form_url, {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"}
    )
    assert response.status_code == 302
    assert _live(officer) == 0 and _me(secret).status_code == 401


def test_a_password_change_through_the_service_or_save_revokes_tokens(
    officer: User, secretariat_user: User
) -> None:
    _new_token(officer)
    services.user_set_password(
        user=officer, password="another-passphrase-1", by=secretariat_user, at=timezone.now()
    )
    assert _live(officer) == 0
    revoked = AuditEntry.objects.get(object_type="accounts.apitoken", detail__op="revoke")
    assert revoked.actor == secretariat_user and revoked.detail["reason"] == "password"
    _new_token(officer)
    user = User.objects.get(pk=officer.pk)
    user.set_password("yet-another-passphrase")
    user.save()  # e.g. `manage changepassword`, Wagtail's account and user forms
    assert _live(officer) == 0


def test_the_wagtail_account_password_change_revokes_the_tokens(secretariat_user: User) -> None:
    _new_token(secretariat_user)
    client = signed_in_client(secretariat_user)
    data = {
        "name_email-first_name": "Secretariat",
        "name_email-last_name": "Staff",
        "name_email-email": secretariat_user.email,
        "locale-preferred_language": "en",
        "locale-current_time_zone": "",
        "theme-theme": "system",
        "theme-contrast": "system",
        "theme-density": "default",
        "password-old_password": PASSWORD,
        "password-new_password1": "a-wagtail-passphrase",
        "password-new_password2": "a-wagtail-passphrase",
    }
    response = client.post("/admin/account/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(pk=secretariat_user.pk).check_password("a-wagtail-passphrase")
    assert _live(secretariat_user) == 0


def test_a_hash_upgrade_at_sign_in_is_not_a_password_change(officer: User, settings: Any) -> None:
    settings.PASSWORD_HASHERS = [
        *settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    User.objects.filter(pk=officer.pk).update(password=make_password(PASSWORD, hasher="pbkdf2_sha256"))
    _new_token(officer)
    assert (
        Client()
        .post(reverse("accounts:login"), {"username": officer.email, "password": PASSWORD})
        .status_code
        == 302
    )
    assert User.objects.get(pk=officer.pk).password.startswith("md5$")  # upgraded to the test hasher
    assert _live(officer) == 1


def test_suspending_the_account_revokes_its_tokens(officer: User, secretariat_user: User) -> None:
    _new_token(officer)
    services.user_suspend(user=officer, by=secretariat_user, at=timezone.now())
    user = User.objects.get(pk=officer.pk)
    user.is_active = True
    user.save()  # reactivation does not bring the old tokens back
    assert _live(officer) == 0


def test_deactivating_the_account_anywhere_revokes_its_tokens(officer: User) -> None:
    _new_token(officer)
    user = User.objects.get(pk=officer.pk)
    user.full_name = "Renamed"
    user.save()
    assert _live(officer) == 1  # an ordinary save keeps them
    user.is_active = False
    user.save()
    assert _live(officer) == 0


def test_idle_enforcement_suspension_revokes_the_tokens(enforcement_user: User) -> None:
    _new_token(enforcement_user)
    now = timezone.now()
    User.objects.filter(pk=enforcement_user.pk).update(last_seen_at=now - timedelta(days=91))
    assert services.enforcement_housekeeping(at=now).suspended == 1
    assert _live(enforcement_user) == 0
