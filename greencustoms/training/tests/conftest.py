"""Fixtures of the training tests: modules, a workshop with compulsory modules, passing a module."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from io import StringIO
from typing import Any

import pytest
from django.utils import timezone

from greencustoms.accounts.choices import Level
from greencustoms.learning.content import version_load
from greencustoms.learning.models import Enrolment, Module, WorkshopPrerequisite
from greencustoms.learning.tests.conftest import FILES, T0, module_data

TODAY = date(2026, 12, 2)
NOW = datetime(2026, 12, 2, 12, 0, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def agreements(db: Any) -> dict[str, Any]:
    from greencustoms.agreements.models import Agreement
    from greencustoms.agreements.reference import load

    load(stdout=StringIO())
    return {a.slug: a for a in Agreement.objects.all()}


def make_module(slug: str, title: str | None = None) -> Module:
    version_load(module_data(slug=slug, title=title or f"Module {slug}"), FILES, at=T0)
    return Module.objects.select_related("current_version").get(slug=slug)


def pass_module(user: Any, module: Module, *, at: datetime = T0) -> Enrolment:
    enrolment, _ = Enrolment.objects.update_or_create(
        user=user,
        module=module,
        defaults={
            "version": module.current_version,
            "enrolled_at": at,
            "last_activity_at": at,
            "passed_at": at,
        },
    )
    return enrolment


def make_workshop(
    *, level: str = Level.PUBLIC, lead: Any = None, seats: int = 2, days_ahead: int = 30, **extra: Any
):
    from greencustoms.training import services

    start = TODAY + timedelta(days=days_ahead)
    fields = {"status": "confirmed", "registration_open": True, "seats": seats, "languages": ["en", "fr"]}
    fields.update(extra)
    return services.workshop_create(
        kind=fields.pop("kind", "national_workshop"),
        title=fields.pop("title", "National workshop (test)"),
        start=start,
        end=start + timedelta(days=1),
        country="KE",
        city="Mombasa",
        lead_partner=lead,
        access_level=level,
        by=None,
        **fields,
    )


def require(workshop: Any, module: Module, deadline: date) -> WorkshopPrerequisite:
    return WorkshopPrerequisite.objects.create(event=workshop.event, module=module, deadline=deadline)


@pytest.fixture
def workshop(partners: dict[str, Any]) -> Any:
    return make_workshop(lead=partners["UNEP"])
