"""The demo data loads twice without duplicates and its mirror analysis finds the planted gaps."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest

from greencustoms.accounts.choices import Role
from greencustoms.conftest import make_user
from greencustoms.licensing.demo import NETWORK, load
from greencustoms.licensing.models import (
    Consultation,
    FocalPoint,
    Licence,
    LicensingSystem,
    MirrorAnalysis,
    Quota,
)

pytestmark = pytest.mark.django_db


def test_demo_is_idempotent_and_marked(settings: Any, tmp_path: Any) -> None:
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    make_user("secretariat@example.org", Role.SECRETARIAT)
    out = StringIO()
    load(stdout=out)
    load(stdout=StringIO())
    assert LicensingSystem.objects.count() == FocalPoint.objects.count() == len(NETWORK) == 8
    assert (Quota.objects.count(), Licence.objects.count(), Consultation.objects.count()) == (3, 3, 2)
    for model in (LicensingSystem, FocalPoint, Quota, Licence, Consultation, MirrorAnalysis):
        assert not model.objects.filter(is_demo=False).exists()
    analysis = MirrorAnalysis.objects.get()
    # ~1 % of ~4,000 keys planted (x1.6 or x0.4 on at least 1,000 kg): all flagged, plus noise-free pairs not
    planted = int(out.getvalue().split("(")[-1].split(" planted")[0])
    assert planted > 20 and analysis.flagged >= planted
    # HCFC-22: 300 t x 0.055 = 16.5 ODP-t
    assert Quota.objects.get(country="TH", group="CI").odp_tonnes == 16.5
