"""Reads about the Guide: editions visible to a user, the ordered outline, concerned partners, blockers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import bleach
import markdown
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, can
from greencustoms.guide.choices import Decision, GuideStatus, RoundStatus, SectionOrder
from greencustoms.guide.models import (
    Chapter,
    DistributionRequest,
    Guide,
    PartnerApproval,
    ReviewComment,
    ReviewRound,
    Section,
)
from greencustoms.partners.choices import PartnerStatus
from greencustoms.partners.models import Partner

# Reminder rules (see reminder_due): first reminder a week after opening or three days before the
# deadline, whichever comes first; then at most one a week (the 2017 meeting: "Secretariat sends
# reminder in a week").
FIRST_REMINDER_AFTER = timedelta(days=7)
REMIND_BEFORE_DEADLINE = timedelta(days=3)
REMINDER_INTERVAL = timedelta(days=7)

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


def latest_round(guide: Guide) -> ReviewRound | None:
    return guide.rounds.order_by("-number").first()


def open_round(guide: Guide) -> ReviewRound | None:
    return guide.rounds.filter(status=RoundStatus.OPEN).first()


def unresolved_comments(round: ReviewRound) -> QuerySet[ReviewComment]:
    """Open threads (a thread is resolved on its first comment)."""
    return round.comments.filter(parent__isnull=True, resolved_at__isnull=True)


def round_close_blockers(round: ReviewRound) -> list[str]:
    """Why the round cannot close yet (empty when every approval is recorded and every comment resolved)."""
    reasons = []
    if not round.is_open:
        reasons.append(_("The round is already closed."))
    for approval in round.approvals.select_related("partner").filter(decision=Decision.PENDING):
        reasons.append(_("%(partner)s has not approved yet.") % {"partner": approval.partner.acronym})
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
        for a in round.approvals.filter(decision__in=[Decision.APPROVED, Decision.APPROVED_WITH_CONDITIONS])
    }
    reasons = [
        _("%(partner)s, concerned by this edition, has not approved it.") % {"partner": p.acronym}
        for p in concerned_partners(guide)
        if p.pk not in approved
    ]
    if unresolved_comments(round).exists():
        reasons.append(_("Some comments of the last round are not resolved."))
    return reasons


def rounds_visible_to(user: Any) -> QuerySet[ReviewRound]:
    """Every round for the secretariat; the rounds where their organization is concerned for partners."""
    rounds = ReviewRound.objects.select_related("guide").annotate(
        pending=Count("approvals", filter=Q(approvals__decision=Decision.PENDING), distinct=True),
        partners=Count("approvals", distinct=True),
    )
    if policy.is_secretariat(user):
        return rounds.order_by("-opened_at")
    partner = policy.staff_partner(user)
    if partner is None:
        return rounds.none()
    return rounds.filter(approvals__partner=partner).order_by("-opened_at")


def approval_for(round: ReviewRound, partner: Partner | None) -> PartnerApproval | None:
    if partner is None:
        return None
    return round.approvals.filter(partner=partner).first()


def comment_threads(round: ReviewRound) -> list[ReviewComment]:
    """Root comments with their replies (``thread``), in order of writing."""
    comments = list(round.comments.select_related("author", "partner", "resolved_by", "section", "chapter"))
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


def reminder_due(approval: PartnerApproval, *, at: datetime) -> bool:
    """Does this partner get a reminder now?

    Only in open rounds, only partners who have not answered; the first reminder a week after opening or
    three days before the deadline (whichever comes first); after that at most one a week.
    """
    round = approval.round
    if not round.is_open or approval.has_answered:
        return False
    if approval.last_reminded_at is not None:
        return at - approval.last_reminded_at >= REMINDER_INTERVAL
    deadline_start = datetime.combine(round.deadline, datetime.min.time(), tzinfo=at.tzinfo)
    return at - round.opened_at >= FIRST_REMINDER_AFTER or deadline_start - at <= REMIND_BEFORE_DEADLINE


def approvals_to_remind(*, at: datetime) -> list[PartnerApproval]:
    candidates = PartnerApproval.objects.select_related("round__guide", "partner").filter(
        round__status=RoundStatus.OPEN, decision=Decision.PENDING
    )
    return [a for a in candidates if reminder_due(a, at=at)]


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
