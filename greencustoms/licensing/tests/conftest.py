"""Fixtures of the licensing tests: focal points of Thailand and Sri Lanka, signed in with two factors."""

from __future__ import annotations

from typing import Any

import pytest

from greencustoms.accounts.models import User
from greencustoms.conftest import make_user, verified
from greencustoms.licensing.models import FocalPoint


def focal_point(email: str, country: str) -> User:
    user = make_user(email, totp=True, country=country)
    FocalPoint.objects.create(country=country, name=email, email=email, user=user)
    return user


@pytest.fixture
def th_focal(db: Any) -> User:
    return verified(focal_point("ozone-th@test.example", "TH"))


@pytest.fixture
def lk_focal(db: Any) -> User:
    return verified(focal_point("ozone-lk@test.example", "LK"))
