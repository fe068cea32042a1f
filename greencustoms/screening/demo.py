"""Demo content of the screening domain: one restricted risk indicator by the demo enforcement officer."""

from typing import TextIO

from django.utils import timezone

from greencustoms.accounts.choices import Level
from greencustoms.accounts.models import User
from greencustoms.screening.models import RiskIndicator

TITLE = "Refrigerant gas declared as air-conditioning parts (demo)"


def load(*, stdout: TextIO) -> None:
    author = User.objects.filter(email="enforcement@example.org").first()
    if author is None or RiskIndicator.objects.filter(title=TITLE).exists():
        return
    now = timezone.now()
    RiskIndicator.objects.create(
        title=TITLE,
        hs_prefixes=["8415", "8418"],
        keywords=["refrigerant gas", "gas cylinder", "recharge kit"],
        countries=[],
        severity="medium",
        agreement="montreal",
        document="Import licence for the refrigerant",
        access_level=Level.ENFORCEMENT,
        created_by=author,
        created_at=now,
        updated_at=now,
    )
    stdout.write("screening: demo risk indicator created\n")
