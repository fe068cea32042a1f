"""Reads of the document library; every one starts from what the user may see."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, Level, can
from greencustoms.events.models import Event
from greencustoms.library.choices import FeedbackStatus, QuestionKind
from greencustoms.library.models import CollectionLevel, Document, DocumentFile, Feedback, FeedbackForm


@dataclass(frozen=True)
class DocumentFilters:
    """Narrowing of a library listing; empty strings mean 'any'."""

    q: str = ""
    partner: str = ""
    agreement: str = ""
    doc_type: str = ""
    language: str = ""
    level: str = ""


def documents_visible(user: Any) -> QuerySet[Document]:
    return Document.objects.visible_to(user)


def document_search(user: Any, filters: DocumentFilters) -> QuerySet[Document]:
    """Visible documents matching the query and the filters, with partner and files fetched."""
    qs = Document.objects.visible_to(user)
    if filters.q.strip():
        qs = qs.matching(filters.q)
    if filters.partner:
        qs = qs.filter(owner_partner__acronym__iexact=filters.partner)
    if filters.agreement:
        qs = qs.for_agreement(filters.agreement)
    if filters.doc_type:
        qs = qs.filter(doc_type=filters.doc_type)
    if filters.language:
        qs = qs.in_language(filters.language)
    if filters.level:
        qs = qs.filter(access_level=filters.level)
    return qs.select_related("owner_partner").prefetch_related(
        Prefetch("files", queryset=DocumentFile.objects.order_by("version"))
    )


def document_for(user: Any, pk: int) -> Document | None:
    """One document if the user may see it (None otherwise: callers answer 404)."""
    return (
        Document.objects.visible_to(user)
        .select_related("owner_partner", "event")
        .prefetch_related("files", "agreements")
        .filter(pk=pk)
        .first()
    )


def snippet(text: str, query: str, *, width: int = 90) -> SafeString:
    """An escaped excerpt of ``text`` around the first query word, with the words marked."""
    words = [w for w in query.split() if len(w) > 1][:6]
    if not text:
        return mark_safe("")  # noqa: S308 - empty string
    lower = text.lower()
    start = 0
    for w in words:
        pos = lower.find(w.lower())
        if pos >= 0:
            start = max(0, pos - width // 2)
            break
    excerpt = text[start : start + width * 2]
    html = escape(excerpt)
    for w in words:
        html = re.sub(f"({re.escape(escape(w))})", r"<mark>\1</mark>", html, flags=re.IGNORECASE)
    prefix = "…" if start else ""
    suffix = "…" if start + width * 2 < len(text) else ""
    return mark_safe(f"{prefix}{html}{suffix}")  # noqa: S308 - built from escaped text only


def feedback_for_document(user: Any, document: Document) -> QuerySet[Feedback]:
    return Feedback.objects.visible_to(user).filter(document=document).select_related("author")


def rating_summary(document: Document) -> dict[str, Any]:
    return Feedback.objects.filter(document=document, status=FeedbackStatus.APPROVED).aggregate(
        average=Avg("rating"), count=Count("pk")
    )


def feedback_pending() -> QuerySet[Feedback]:
    return Feedback.objects.filter(status=FeedbackStatus.PENDING).select_related("document", "author")


def feedback_on_partner_documents(user: Any) -> QuerySet[Feedback]:
    """Feedback on the documents of the user's organization (partner staff), newest first."""
    partner_id = policy.staff_partner_id(user)
    if not partner_id:
        return Feedback.objects.none()
    return (
        Feedback.objects.visible_to(user)
        .filter(document__owner_partner_id=partner_id)
        .select_related("document", "author")
    )


def intranet_folders(user: Any) -> list[tuple[Event, list[Document]]]:
    """Meetings the user may see, each with its visible documents (per-meeting folders)."""
    docs = (
        Document.objects.visible_to(user)
        .filter(event__isnull=False)
        .select_related("owner_partner")
        .order_by("title")
    )
    by_event: dict[int, list[Document]] = {}
    for doc in docs:
        by_event.setdefault(doc.event_id, []).append(doc)  # type: ignore[arg-type]
    events = Event.objects.visible_to(user).filter(Q(pk__in=by_event.keys()) | Q(kind="partners_meeting"))
    return [(event, by_event.get(event.pk, [])) for event in events]


def intranet_documents(user: Any) -> QuerySet[Document]:
    """Intranet documents outside any meeting folder."""
    return (
        Document.objects.visible_to(user)
        .filter(access_level=Level.INTRANET, event__isnull=True)
        .select_related("owner_partner")
    )


def enforcement_documents(user: Any) -> QuerySet[Document]:
    return (
        Document.objects.visible_to(user)
        .filter(access_level=Level.ENFORCEMENT)
        .select_related("owner_partner")
        .prefetch_related("files")
    )


def feedback_forms_for(user: Any) -> QuerySet[FeedbackForm]:
    events = Event.objects.visible_to(user).values("pk")
    return FeedbackForm.objects.filter(event__in=events).select_related("event")


@dataclass
class QuestionSummary:
    text: str
    kind: str
    count: int = 0
    average: float | None = None
    distribution: dict[int, int] = field(default_factory=dict)
    texts: list[str] = field(default_factory=list)

    @property
    def is_rating(self) -> bool:
        return self.kind == QuestionKind.RATING


def feedback_form_summary(form: FeedbackForm) -> tuple[int, list[QuestionSummary]]:
    """Number of responses and, per question, the average and spread of ratings or the texts given."""
    summaries = []
    for question in form.questions.prefetch_related("answers"):
        answers = list(question.answers.all())
        summary = QuestionSummary(text=question.text, kind=question.kind, count=len(answers))
        if question.kind == QuestionKind.RATING:
            ratings = [a.rating for a in answers if a.rating]
            summary.distribution = {n: ratings.count(n) for n in range(1, 6)}
            summary.average = round(sum(ratings) / len(ratings), 2) if ratings else None
        else:
            summary.texts = [a.text for a in answers if a.text]
        summaries.append(summary)
    return form.responses.count(), summaries


def may_see_form_summary(user: Any, form: FeedbackForm) -> bool:
    return can(user, Action.CHANGE, form)


@dataclass(frozen=True)
class CollectionGuard:
    """What the policy needs to know about a Wagtail collection: its level and owning partner."""

    access_level: str
    owner_partner_id: int | None = None


def collection_guard(collection: Any) -> CollectionGuard:
    """The nearest level set on the collection or its ancestors; public when none is."""

    if collection is None:
        return CollectionGuard(Level.PUBLIC)
    chain = [collection, *reversed(list(collection.get_ancestors()))]
    levels = {
        c.collection_id: c for c in CollectionLevel.objects.filter(collection__in=[c.pk for c in chain])
    }
    for item in chain:
        if item.pk in levels:
            found = levels[item.pk]
            return CollectionGuard(found.access_level, found.owner_partner_id)
    return CollectionGuard(Level.PUBLIC)


def visible_collection_ids(user: Any) -> list[int]:
    from wagtail.models import Collection

    return [c.pk for c in Collection.objects.all() if can(user, Action.VIEW, collection_guard(c))]
