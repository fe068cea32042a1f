"""Preparation of a workshop with partner sign-off: agenda, concept note and key messages are documents,
each agreed by the concerned partners through the one review mechanism (greencustoms.reviews)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext as _

from greencustoms.accounts import policy
from greencustoms.reviews import selectors as review_selectors
from greencustoms.reviews import services as review_services
from greencustoms.training.choices import PreparationKind
from greencustoms.training.models import PreparationDocument, Workshop


def agenda_text(workshop: Workshop) -> str:
    """The agenda as the text partners sign off: one line a session (day, times, title, items)."""
    lines = []
    for s in workshop.event.sessions.all():
        when = " ".join(
            x
            for x in (
                s.day.isoformat() if s.day else "",
                f"{s.start_time:%H:%M}-{s.end_time:%H:%M}" if s.start_time and s.end_time else "",
            )
            if x
        )
        lines.append(f"{when} {s.title}".strip())
        lines += [f"  - {item}" for item in s.item_list]
    return "\n".join(lines)


def document_save(*, workshop: Workshop, kind: str, body: str | None = None, by: Any) -> PreparationDocument:
    """Write a preparation document (the agenda's text is taken from the agenda itself); a changed text is
    a new version, which needs a new sign-off."""
    if by is not None and not policy.can_organize_workshop(by, workshop):
        raise PermissionDenied
    text = agenda_text(workshop) if kind == PreparationKind.AGENDA else (body or "").strip()
    document, created = PreparationDocument.objects.get_or_create(
        workshop=workshop, kind=kind, defaults={"body": text, "version": 1}
    )
    if not created and document.body != text:
        document.body, document.version = text, document.version + 1
        document.save(update_fields=["body", "version"])
    return document


def concerned_partners(workshop: Workshop) -> list[Any]:
    """The lead and contributing partners: who agrees on a workshop's preparation."""
    partners = list(workshop.contributing_partners.all())
    if workshop.event.owner_partner is not None:
        partners.append(workshop.event.owner_partner)
    return sorted(set(partners), key=lambda p: p.acronym)


def signoff_open(
    *, document: PreparationDocument, due: date, by: Any, at: datetime, message: str = ""
) -> Any:
    """Ask the concerned partners to agree on this version of the document (a review round)."""
    workshop = document.workshop
    return review_services.open_round(
        by=by,
        subject=document,
        version=f"v{document.version}",
        partners=concerned_partners(workshop),
        due=due,
        title=_("%(document)s of %(workshop)s")
        % {"document": document.get_kind_display(), "workshop": workshop},
        url=reverse("training:workshop_detail", args=[workshop.pk]),
        message=message,
        at=at,
    )


def signoff_state(workshop: Workshop) -> list[dict[str, Any]]:
    """Per preparation document: its version, its latest round, who approved, who has not answered."""
    rows = []
    for document in workshop.preparation_documents.all():
        round = review_selectors.latest_round_of(subject=document)
        answers = list(round.answers.select_related("partner")) if round else []
        rows.append(
            {
                "document": document,
                "round": round,
                "current": round is not None and round.version == f"v{document.version}",
                "answers": answers,
                "pending": [a.partner.acronym for a in answers if not a.has_answered],
                "agreed": round is not None and review_selectors.approved_by_all(round=round),
            }
        )
    return rows
