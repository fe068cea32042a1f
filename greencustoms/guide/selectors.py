"""Reads about the Guide: editions visible to a user, the ordered outline, concerned partners, blockers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import bleach
import markdown
from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, can
from greencustoms.guide.choices import Decision, GuideStatus, SectionOrder
from greencustoms.guide.models import (
    Chapter,
    DistributionRequest,
    Guide,
    ReviewComment,
    Section,
)
from greencustoms.partners.choices import PartnerStatus
from greencustoms.partners.models import Partner
from greencustoms.reviews import selectors as reviews
from greencustoms.reviews.models import Answer, Round

ALLOWED_TAGS = ["p", "a", "em", "strong", "ul", "ol", "li", "blockquote", "code", "br", "abbr", "sup", "sub"]
ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "abbr": ["title"]}


# --- editions ------------------------------------------------------------------------------------------


def guides_visible_to(user: Any) -> list[Guide]:
    """Published editions for everyone, drafts too for partner staff and the secretariat (newest first)."""
    return [g for g in Guide.objects.order_by("-year") if can(user, Action.VIEW, g)]


def published_guides() -> QuerySet[Guide]:
    return Guide.objects.filter(status=GuideStatus.PUBLISHED).order_by("-year")


def current_guide() -> Guide | None:
    """The newest published edition."""
    return published_guides().first()


def published_guide(year: int | None = None) -> Guide | None:
    """The published edition of that year, or the newest one."""
    if year is None:
        return current_guide()
    return published_guides().filter(year=year).first()


# --- outline -------------------------------------------------------------------------------------------


def ordered_sections(sections: Iterable[Section], order: str) -> list[Section]:
    """Sections in reading order: in an alphabetical chapter, written sections keep their place first and
    organization and agreement sections follow in alphabetical order of their titles."""
    items = list(sections)
    if order != SectionOrder.ALPHABETICAL:
        return sorted(items, key=lambda s: (s.position, s.sort_title, s.pk))
    fixed = sorted((s for s in items if not s.is_alphabetical), key=lambda s: (s.position, s.pk))
    alpha = sorted((s for s in items if s.is_alphabetical), key=lambda s: (s.sort_title, s.pk))
    return fixed + alpha


def chapter_sections(chapter: Chapter) -> list[Section]:
    return ordered_sections(chapter.sections.select_related("partner"), chapter.section_order)


def guide_chapters(guide: Guide) -> list[Chapter]:
    """Chapters in order, each with ``ordered`` (its sections in reading order); two queries."""
    chapters = list(
        guide.chapters.order_by("position").prefetch_related("sections__partner", "concerned_partners")
    )
    for chapter in chapters:
        chapter.ordered = ordered_sections(chapter.sections.all(), chapter.section_order)  # type: ignore[attr-defined]
    return chapters


def paragraphs(text: str) -> list[str]:
    """Markdown text as a list of sanitized HTML paragraphs (blocks split at blank lines)."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    return [
        bleach.clean(markdown.markdown(b), tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, strip=True)
        for b in blocks
    ]


# --- who approves --------------------------------------------------------------------------------------


def partners_of_agreement(slug: str) -> list[Partner]:
    """Partner organizations (not candidates) that administer the agreement."""
    return [
        p
        for p in Partner.objects.filter(status=PartnerStatus.PARTNER).order_by("acronym")
        if slug in (p.agreements or [])
    ]


def section_partners(section: Section) -> set[Partner]:
    found: set[Partner] = set()
    if section.partner_id:
        found.add(section.partner)
    if section.agreement:
        found.update(partners_of_agreement(section.agreement))
    return found


def chapter_partners(chapter: Chapter) -> set[Partner]:
    found = set(chapter.concerned_partners.all())
    for section in chapter.sections.select_related("partner"):
        found |= section_partners(section)
    return found


def concerned_partners(guide: Guide) -> list[Partner]:
    """Every partner that must approve the edition, by acronym."""
    found: set[Partner] = set()
    for chapter in guide.chapters.prefetch_related("concerned_partners"):
        found |= chapter_partners(chapter)
    return sorted(found, key=lambda p: p.acronym.casefold())


def partner_chapters(guide: Guide, partner: Partner) -> list[Chapter]:
    """The chapters a partner is concerned by (its sections, or the whole part)."""
    return [c for c in guide_chapters(guide) if partner in chapter_partners(c)]


# --- review rounds -------------------------------------------------------------------------------------


def latest_round(guide: Guide) -> Round | None:
    return reviews.latest_round_of(subject=guide)


def open_round(guide: Guide) -> Round | None:
    return reviews.open_round_of(subject=guide)


def round_guide(round: Round) -> Guide:
    """The edition a review round is about (rounds of the reviews app point at any document)."""
    return Guide.objects.get(pk=round.subject_id)


def unresolved_comments(round: Round) -> QuerySet[ReviewComment]:
    """Open threads (a thread is resolved on its first comment)."""
    return round.guide_comments.filter(parent__isnull=True, resolved_at__isnull=True)


def round_close_blockers(round: Round) -> list[str]:
    """Why the round cannot close yet (empty when every approval is recorded and every comment resolved)."""
    reasons = reviews.close_blockers(round=round)
    open_threads = unresolved_comments(round).count()
    if open_threads:
        reasons.append(_("%(count)d comment(s) are not resolved.") % {"count": open_threads})
    return reasons


def publication_blockers(guide: Guide) -> list[str]:
    """Why the edition cannot be published (empty when it can): the state machine's one gate."""
    if guide.is_published:
        return [_("This edition is already published.")]
    round = latest_round(guide)
    if round is None:
        return [_("No review round has been held on this edition.")]
    if round.is_open:
        reasons = [_("Review round %(number)d is still open.") % {"number": round.number}]
        return reasons + [r for r in round_close_blockers(round) if r not in reasons]
    approved = {
        a.partner_id
        for a in round.answers.filter(decision__in=[Decision.APPROVED, Decision.APPROVED_WITH_CONDITIONS])
    }
    reasons = [
        _("%(partner)s, concerned by this edition, has not approved it.") % {"partner": p.acronym}
        for p in concerned_partners(guide)
        if p.pk not in approved
    ]
    if unresolved_comments(round).exists():
        reasons.append(_("Some comments of the last round are not resolved."))
    return reasons


def rounds_visible_to(user: Any) -> QuerySet[Round]:
    """The Guide's rounds the user may see (the reviews app's visibility), with their edition."""
    return (
        reviews.rounds_visible_to(user)
        .filter(guide__isnull=False)
        .prefetch_related("subject")
        .order_by("-opened_at")
    )


def approval_for(round: Round, partner: Partner | None) -> Answer | None:
    return reviews.answer_for(round=round, partner=partner)


def comment_threads(round: Round) -> list[ReviewComment]:
    """Root comments with their replies (``thread``), in order of writing."""
    comments = list(
        round.guide_comments.select_related("author", "partner", "resolved_by", "section", "chapter")
    )
    by_parent: dict[int | None, list[ReviewComment]] = {}
    for c in comments:
        by_parent.setdefault(c.parent_id, []).append(c)
    roots = by_parent.get(None, [])
    for root in roots:
        thread: list[ReviewComment] = []
        stack = list(reversed(by_parent.get(root.pk, [])))
        while stack:
            c = stack.pop()
            thread.append(c)
            stack.extend(reversed(by_parent.get(c.pk, [])))
        root.thread = thread  # type: ignore[attr-defined]
    return roots


# --- distribution --------------------------------------------------------------------------------------


@dataclass
class EventTotals:
    event: Any
    printed: int = 0
    offline: int = 0
    requests: list[DistributionRequest] = field(default_factory=list)


def distribution_requests_visible_to(user: Any) -> QuerySet[DistributionRequest]:
    requests = DistributionRequest.objects.select_related("guide", "partner", "event", "requested_by")
    if policy.is_secretariat(user):
        return requests
    partner = policy.staff_partner(user)
    if partner is None:
        return requests.none()
    return requests.filter(partner=partner)


def distribution_totals(guide: Guide) -> tuple[list[EventTotals], dict[str, int]]:
    """Copies asked for an edition, per event, and the grand totals (secretariat view)."""
    per_event: dict[int, EventTotals] = {}
    for r in guide.distribution_requests.select_related("event", "partner").order_by("event__start"):
        entry = per_event.setdefault(r.event_id, EventTotals(event=r.event))
        entry.printed += r.printed_copies
        entry.offline += r.offline_copies
        entry.requests.append(r)
    grand = guide.distribution_requests.aggregate(
        printed=Sum("printed_copies"), offline=Sum("offline_copies")
    )
    return list(per_event.values()), {k: v or 0 for k, v in grand.items()}
