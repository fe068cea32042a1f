"""Shared fixtures: one account per role, partners loaded, clients signed in (with two factors)."""

from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts.choices import Level, Role
from greencustoms.accounts.models import EnforcementAccreditation, User
from greencustoms.partners.models import Partner
from greencustoms.partners.reference import load as load_partners
from greencustoms.tests.factories import PASSWORD, EnforcementAccreditationFactory, UserFactory

__all__ = ["PASSWORD", "approve_enforcement", "make_user", "signed_in_client"]


@pytest.fixture
def partners(db: Any) -> dict[str, Partner]:

    load_partners(stdout=StringIO())
    return {p.acronym: p for p in Partner.objects.all()}


def make_user(email: str, role: str = Role.OFFICER, *, totp: bool = False, **extra: Any) -> User:
    return UserFactory(email=email, role=role, totp=totp, **extra)


def approve_enforcement(user: User, *, days: int = 365) -> EnforcementAccreditation:
    return EnforcementAccreditationFactory(user=user, days=days)


@pytest.fixture
def officer(db: Any) -> User:
    return make_user("officer@test.example", country="KE", administration="KRA")


@pytest.fixture
def enforcement_user(db: Any) -> User:
    user = make_user("enforcement@test.example", totp=True, country="SN")
    approve_enforcement(user)
    return user


@pytest.fixture
def enforcement_without_2fa(db: Any) -> User:
    user = make_user("enforcement-no2fa@test.example", country="SN")
    approve_enforcement(user)
    return user


@pytest.fixture
def trainer(db: Any) -> User:
    return make_user("trainer@test.example", Role.TRAINER)


@pytest.fixture
def partner_user(partners: dict[str, Partner]) -> User:
    return make_user("partner@test.example", Role.PARTNER, totp=True, partner=partners["WCO"])


@pytest.fixture
def secretariat_user(db: Any) -> User:
    return make_user(
        "secretariat@test.example", Role.SECRETARIAT, totp=True, is_staff=True, is_superuser=True
    )


@pytest.fixture
def partner_without_2fa(partners: dict[str, Partner]) -> User:
    """WCO staff signed in with the password only (no second factor yet)."""
    return make_user("partner-no2fa@test.example", Role.PARTNER, partner=partners["WCO"])


@pytest.fixture
def secretariat_without_2fa(db: Any) -> User:
    """A secretariat superuser signed in with the password only (no second factor yet)."""
    return make_user("secretariat-no2fa@test.example", Role.SECRETARIAT, is_staff=True, is_superuser=True)


# --- Every role, for the permission matrices and crawlers of all apps ----------------------------------
#: role name → fixture of its user (None: anonymous); the web roles every no-leak test walks.
ROLE_FIXTURES: dict[str, str | None] = {
    "anonymous": None,
    "officer": "officer",
    "enforcement_without_2fa": "enforcement_without_2fa",
    "enforcement": "enforcement_user",
    "trainer": "trainer",
    "partner": "partner_user",
    "secretariat": "secretariat_user",
}
#: Staff signed in with the password only: pages send them to the second step, the API answers them as officers.
PASSWORD_ONLY_FIXTURES: dict[str, str | None] = {
    "partner_without_2fa": "partner_without_2fa",
    "secretariat_without_2fa": "secretariat_without_2fa",
}
ALL_ROLE_FIXTURES: dict[str, str | None] = {**ROLE_FIXTURES, **PASSWORD_ONLY_FIXTURES}

# Who may see what, written out by hand (not computed by the policy under test).
ROLE_LEVELS: dict[str, set[str]] = {
    "anonymous": {Level.PUBLIC},
    "officer": {Level.PUBLIC, Level.REGISTERED},
    "enforcement_without_2fa": {Level.PUBLIC, Level.REGISTERED},
    "enforcement": {Level.PUBLIC, Level.REGISTERED, Level.ENFORCEMENT},
    "trainer": {Level.PUBLIC, Level.REGISTERED},
    "partner": {Level.PUBLIC, Level.REGISTERED, Level.INTRANET},
    "secretariat": {Level.PUBLIC, Level.REGISTERED, Level.ENFORCEMENT, Level.INTRANET},
    "partner_without_2fa": {Level.PUBLIC, Level.REGISTERED},
    "secretariat_without_2fa": {Level.PUBLIC, Level.REGISTERED},
}
PARTNER_ORG = {"partner": "WCO"}  # partner staff also see what their organization owns


def may_see(role: str, level: str, owner: str | None = None) -> bool:
    """The hand-written expectation: may this role see an object of this level owned by ``owner``?"""
    own = PARTNER_ORG.get(role)
    return level in ROLE_LEVELS[role] or (own is not None and own == owner)


@pytest.fixture
def role_client(request: Any) -> Callable[[str], tuple[User | None, Client]]:
    """Factory: role name → (user or None, signed-in client with two factors where the role has them)."""

    def make(role: str) -> tuple[User | None, Client]:
        name = ALL_ROLE_FIXTURES[role]
        user = request.getfixturevalue(name) if name else None
        return user, signed_in_client(user)

    return make


@pytest.fixture
def app_canaries(partners: dict[str, Partner]) -> Any:
    """A canary object per app and level, with the URLs that show each (:mod:`greencustoms.tests.canaries`)."""
    from greencustoms.tests.canaries import make_app_canaries

    return make_app_canaries(partners)


def signed_in_client(user: User | None) -> Client:
    """A test client signed in as `user`, with its two-factor device verified when it has one."""
    client = Client()
    if user is None:
        return client
    client.force_login(user, backend="greencustoms.accounts.backends.EmailBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def client_for() -> Callable[[User | None], Client]:
    return signed_in_client


def verified(user: User) -> User:
    """The user as a request would see it after a two-factor sign-in (for direct policy calls)."""
    user = User.objects.get(pk=user.pk)
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    user.is_verified = lambda: has_device  # type: ignore[attr-defined]
    return user


@pytest.fixture(autouse=True)
def _default_language() -> Any:
    """Each test starts in English: a request to /fr/ or /es/ leaves its language active in the thread."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
