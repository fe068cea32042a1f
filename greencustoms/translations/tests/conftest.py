"""Fixtures of the translation tests: the demo module "Introduction to Green Customs" and chapter 1 of the Guide,
with the French and Spanish of the seeds."""

from datetime import UTC, datetime
from io import StringIO
from typing import Any

import pytest
from django.utils import timezone

from greencustoms.learning.content import version_load
from greencustoms.learning.demo import FILES_DIR
from greencustoms.learning.demo_content import INTRO
from greencustoms.learning.models import Module
from greencustoms.learning.tests.conftest import module  # noqa: F401 - the small module of the learning tests
from greencustoms.translations import demo, selectors

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fresh() -> Any:
    from django.core.cache import cache

    cache.clear()
    selectors.forget()
    yield
    selectors.forget()


@pytest.fixture
def intro(partners: Any) -> Module:
    files = {p.name: p.read_bytes() for p in FILES_DIR.iterdir() if p.is_file()}
    version_load(INTRO, files, at=T0)
    demo._module()
    return Module.objects.select_related("current_version").get(slug="introduction")


@pytest.fixture
def guide(partners: Any) -> Any:
    from greencustoms.guide.choices import GuideStatus
    from greencustoms.guide.demo import build_edition
    from greencustoms.guide.models import Guide

    edition = build_edition(year=2026)
    Guide.objects.filter(pk=edition.pk).update(status=GuideStatus.PUBLISHED, published_at=timezone.now())
    demo._guide()
    return Guide.objects.get(pk=edition.pk)


@pytest.fixture
def refdata(db: Any) -> None:
    from greencustoms.agreements import selectors as agreement_selectors
    from greencustoms.agreements.reference import load

    load(stdout=StringIO())
    agreement_selectors.forget_index()
    demo._agreements()
    demo._documents()
    yield
    agreement_selectors.forget_index()
