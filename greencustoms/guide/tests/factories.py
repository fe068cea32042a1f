"""Small builders for Guide tests (editions with chapters and sections, a reviewed edition)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from greencustoms.guide import services
from greencustoms.guide.choices import ChapterKind, Decision, Generated, SectionKind, SectionOrder
from greencustoms.guide.models import Chapter, Guide, Section
from greencustoms.partners.models import Partner


def make_guide(year: int = 2030, **extra: Any) -> Guide:
    return Guide.objects.create(
        year=year, edition="Test edition", title="Test Guide", languages=["en"], **extra
    )


def make_chapter(guide: Guide, position: int, *, slug: str | None = None, **extra: Any) -> Chapter:
    extra.setdefault("kind", ChapterKind.CHAPTER)
    extra.setdefault("title", f"Chapter title {position}")
    return Chapter.objects.create(guide=guide, position=position, slug=slug or f"ch-{position}", **extra)


def org_section(chapter: Chapter, partner: Partner, **extra: Any) -> Section:
    extra.setdefault("title", partner.name)
    extra.setdefault(
        "body",
        f"About {partner.acronym}.\n\nSecond paragraph with a [link](https://example.org/{partner.slug}).",
    )
    return Section.objects.create(chapter=chapter, kind=SectionKind.ORGANIZATION, partner=partner, **extra)


def agreement_section(chapter: Chapter, slug: str, title: str, **extra: Any) -> Section:
    extra.setdefault("body", f"The {title}.")
    return Section.objects.create(
        chapter=chapter, kind=SectionKind.AGREEMENT, agreement=slug, title=title, **extra
    )


def small_guide(partners: dict[str, Partner], year: int = 2030) -> Guide:
    """A draft with a foreword, a chapter on two organizations (WCO, CITES) and an HS annex."""
    guide = make_guide(year)
    make_chapter(guide, 1, slug="foreword", kind=ChapterKind.FOREWORD, title="Foreword", intro="Welcome.")
    orgs = make_chapter(
        guide,
        2,
        slug="organizations",
        number="1",
        title="The organizations",
        section_order=SectionOrder.ALPHABETICAL,
    )
    org_section(orgs, partners["WCO"])
    org_section(orgs, partners["CITES"])
    make_chapter(
        guide,
        3,
        slug="hs-codes",
        kind=ChapterKind.ANNEX,
        number="A",
        title="Summary of HS codes",
        generated=Generated.HS_ANNEX,
    )
    return guide


def approve_all(guide: Guide, secretariat: Any, *, publish: bool = True) -> Guide:
    """Run a whole round (secretariat recording every approval) and publish."""
    now = timezone.now()
    round = services.review_round_open(
        guide=guide, deadline=(now + timedelta(days=10)).date(), by=secretariat, at=now
    )
    for approval in round.answers.all():
        services.review_decide(
            round=round, partner=approval.partner, decision=Decision.APPROVED, by=secretariat, at=now
        )
    services.review_round_close(round=round, by=secretariat, at=now)
    if publish:
        services.guide_publish(guide=guide, by=secretariat, at=now)
    guide.refresh_from_db()
    return guide
