"""Sign-in and password-reset throttling that letter case and address hopping do not get round (issue #13)."""

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from greencustoms.accounts.models import User
from greencustoms.conftest import PASSWORD

pytestmark = pytest.mark.django_db

TOO_MANY = "Too many password-reset requests"


def _sign_in(client: Client, username: str, password: str, ip: str = "127.0.0.1") -> int:
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": password}, REMOTE_ADDR=ip
    )
    return response.status_code


def test_letter_case_does_not_buy_fresh_guesses(officer: User) -> None:
    client = Client()
    variants = [
        officer.email,
        officer.email.upper(),
        officer.email.title(),
        f" {officer.email} ",
        officer.email.upper(),
    ]
    for variant in variants[:4]:
        assert _sign_in(client, variant, "wrong-password") == 200
    assert _sign_in(client, variants[4], "wrong-password") == 429
    assert _sign_in(client, officer.email, PASSWORD) == 429
    assert "_auth_user_id" not in client.session


def test_guesses_spread_over_addresses_lock_the_account(officer: User, settings: Any) -> None:
    settings.ACCOUNT_FAILURE_LIMIT = 8
    client = Client()
    for ip in ("10.0.0.1", "10.0.0.2"):
        for _ in range(4):
            assert _sign_in(client, officer.email, "wrong-password", ip) == 200
    # Each address is under axes' limit of five; the account as a whole is not.
    assert _sign_in(client, officer.email.upper(), PASSWORD, "10.0.0.3") == 429
    assert "_auth_user_id" not in client.session


def test_the_account_limit_is_the_same_for_an_address_without_account(db: Any, settings: Any) -> None:
    settings.ACCOUNT_FAILURE_LIMIT = 4
    client = Client()
    for ip in ("10.0.0.1", "10.0.0.2"):
        for _ in range(2):
            assert _sign_in(client, "nobody@test.example", "wrong-password", ip) == 200
    assert _sign_in(client, "nobody@test.example", "wrong-password", "10.0.0.3") == 429


def test_a_correct_sign_in_under_the_limits_still_works(officer: User) -> None:
    client = Client()
    assert _sign_in(client, officer.email.upper(), "wrong-password", "10.0.0.1") == 200
    assert _sign_in(client, officer.email.upper(), PASSWORD, "10.0.0.1") == 302


def _reset(client: Client, email: str, ip: str = "127.0.0.1") -> Any:
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_reset_mails_are_throttled_per_address_alike_for_unknown_addresses(officer: User) -> None:
    client = Client()
    for n, ip in enumerate(("10.0.0.1", "10.0.0.2", "10.0.0.3")):
        assert _reset(client, officer.email.upper() if n else officer.email, ip).status_code == 302
    assert len(mail.outbox) == 3
    refused = _reset(client, officer.email, "10.0.0.4")
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()
    assert len(mail.outbox) == 3
    for ip in ("10.0.0.5", "10.0.0.6", "10.0.0.7"):
        assert _reset(client, "nobody@test.example", ip).status_code == 302
    unknown = _reset(client, "nobody@test.example", "10.0.0.8")
    assert unknown.status_code == 429 and TOO_MANY in unknown.content.decode()
    assert len(mail.outbox) == 3


def test_reset_mails_are_throttled_per_client(officer: User, settings: Any) -> None:
    client = Client()
    for n in range(settings.PASSWORD_RESET_LIMIT_PER_CLIENT):
        assert _reset(client, f"someone{n}@test.example", "10.9.9.9").status_code == 302
    refused = _reset(client, officer.email, "10.9.9.9")
    assert refused.status_code == 429 and TOO_MANY in refused.content.decode()
    assert mail.outbox == []
    assert _reset(client, officer.email, "10.9.9.10").status_code == 302
    assert len(mail.outbox) == 1
