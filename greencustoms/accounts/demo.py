"""Demo accounts (password `greencustoms-demo`), created only by `greencustoms demo`."""

import base64
from datetime import timedelta
from typing import TextIO

from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts.choices import AccreditationStatus, Role
from greencustoms.accounts.models import EnforcementAccreditation, User
from greencustoms.partners.models import Partner

DEMO_PASSWORD = "greencustoms-demo"  # noqa: S105 - published demo password, refused in production

# email, full name, role, partner acronym, country, administration, needs TOTP
DEMO_ACCOUNTS = [
    (
        "officer@example.org",
        "Demo Officer",
        Role.OFFICER,
        None,
        "KE",
        "Kenya Revenue Authority (demo)",
        False,
    ),
    (
        "enforcement@example.org",
        "Demo Enforcement Officer",
        Role.OFFICER,
        None,
        "SN",
        "Douanes sénégalaises (demo)",
        True,
    ),
    ("trainer@example.org", "Demo Trainer", Role.TRAINER, None, "CO", "DIAN – Aduanas (demo)", False),
    (
        "partner@example.org",
        "Demo WCO Staff",
        Role.PARTNER,
        "WCO",
        "BE",
        "World Customs Organization (demo)",
        True,
    ),
    (
        "secretariat@example.org",
        "Demo Secretariat",
        Role.SECRETARIAT,
        None,
        "CH",
        "GCI secretariat (demo)",
        True,
    ),
]


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    now = timezone.now()
    secrets_out = []
    for email, name, role, partner_acronym, country, administration, needs_totp in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                full_name=name,
                role=role,
                partner=Partner.objects.get(acronym=partner_acronym) if partner_acronym else None,
                country=country,
                administration=administration,
                languages=["en", "fr"]
                if country in ("SN", "BE", "CH")
                else ["en", "es"]
                if country == "CO"
                else ["en"],
                email_verified_at=now,
                is_staff=role == Role.SECRETARIAT,
                is_superuser=role == Role.SECRETARIAT,
            )
            stdout.write(f"demo: account {email} created\n")
        if needs_totp:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="Demo authenticator", confirmed=True)
            secrets_out.append((email, base64.b32encode(device.bin_key).decode()))
        if email == "enforcement@example.org" and not user.accreditations.exists():
            secretariat = User.objects.filter(email="secretariat@example.org").first() or user
            EnforcementAccreditation.objects.create(
                user=user,
                administration=administration,
                justification="Demo: risk analyst in the customs enforcement unit.",
                status=AccreditationStatus.APPROVED,
                requested_at=now,
                decided_at=now,
                decided_by=secretariat,
                expires_at=now + timedelta(days=365),
            )
    stdout.write(f"Demo accounts (password: {DEMO_PASSWORD}):\n")
    for email, *_rest in DEMO_ACCOUNTS:
        stdout.write(f"  {email}\n")
    stdout.write("Two-factor (TOTP) secrets for an authenticator app:\n")
    for email, secret in secrets_out:
        stdout.write(f"  {email}: {secret}\n")
