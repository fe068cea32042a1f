"""The reads of every signed-in request: the session (Django's database store) and the user."""

from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from greencustoms.accounts.backends import EmailBackend
from greencustoms.accounts.models import User
from greencustoms.conftest import make_user


def assert_same_row(loaded: Any, expected: Any) -> None:
    """Every concrete field has the ORM's value and type, and the instance is a saved one."""
    assert type(loaded) is type(expected)
    for field in type(expected)._meta.concrete_fields:
        got, want = getattr(loaded, field.attname), getattr(expected, field.attname)
        assert (type(got), got) == (type(want), want), field.name
    assert loaded._state.adding is False and loaded._state.db == expected._state.db


def test_the_user_is_read_exactly_as_the_orm_reads_it(partners: Any) -> None:
    user = make_user("staff@test.example", "partner", partner=partners["UNEP"], languages=["fr", "es"])
    user.last_login = timezone.now() - timedelta(hours=3)
    user.last_seen_at = user.email_verified_at = timezone.now()
    user.save()

    loaded = EmailBackend().get_user(user.pk)

    assert_same_row(loaded, User.objects.get(pk=user.pk))
    assert loaded is not None and loaded.languages == ["fr", "es"] and loaded.email_verified_at is not None


def test_an_unknown_inactive_or_malformed_user_id_gives_no_user(officer: User) -> None:
    backend = EmailBackend()
    assert backend.get_user(officer.pk + 1000) is None
    assert backend.get_user("not-a-number") is None
    assert backend.get_user(str(officer.pk)) == officer  # session values are strings
    officer.is_active = False
    officer.save()
    assert backend.get_user(officer.pk) is None


def test_the_session_store_reads_live_sessions_only(db: Any) -> None:
    store = SessionStore()
    store["answer"] = 42
    store["amount"] = str(Decimal("1.5"))
    store.save()

    assert SessionStore(store.session_key).load() == {"answer": 42, "amount": "1.5"}

    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None  # an expired key is never reused

    unknown = SessionStore("x" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_signing_out_ends_the_session_on_every_request(officer: User) -> None:
    client = Client()
    client.force_login(officer, backend="greencustoms.accounts.backends.EmailBackend")
    assert client.get(reverse("accounts:profile")).status_code == 200
    stolen = client.cookies["sessionid"].value

    client.post(reverse("accounts:logout"))

    thief = Client()
    thief.cookies["sessionid"] = stolen
    response = thief.get(reverse("accounts:profile"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
