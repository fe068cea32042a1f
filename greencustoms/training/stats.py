"""Training statistics: workshops, participants and trainers by dimension, e-learning before and after."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape

from greencustoms.learning.models import Enrolment, WorkshopPrerequisite
from greencustoms.training.choices import RegistrationStatus, WorkshopStatus
from greencustoms.training.models import Registration, TrainerDelivery, Workshop

DIMENSIONS = ("year", "region", "country", "agreement", "partner", "kind")


@dataclass(frozen=True)
class Row:
    dimension: str
    value: str
    workshops: int
    participants: int
    trainers: int


def _keys(workshop: Workshop, dimension: str) -> list[str]:
    if dimension == "year":
        return [str(workshop.event.start.year)]
    if dimension == "region":
        return [workshop.region or "—"]
    if dimension == "country":
        return [workshop.event.country or "—"]
    if dimension == "agreement":
        return [a.slug for a in workshop.agreements.all()] or ["—"]
    if dimension == "partner":
        lead = [workshop.event.owner_partner.acronym] if workshop.event.owner_partner else []
        return sorted(set(lead + [p.acronym for p in workshop.contributing_partners.all()])) or ["—"]
    return [workshop.kind]


def table(workshops: Any) -> list[Row]:
    """One row per dimension and value; cancelled workshops are left out."""
    ws = [w for w in workshops if w.status != WorkshopStatus.CANCELLED]
    ids = [w.pk for w in ws]
    participants = Counter(
        Registration.objects.filter(workshop_id__in=ids, status=RegistrationStatus.ACCEPTED).values_list(
            "workshop_id", flat=True
        )
    )
    trainers = Counter(
        TrainerDelivery.objects.filter(workshop_id__in=ids).values_list("workshop_id", flat=True)
    )
    rows = []
    for dimension in DIMENSIONS:
        acc: dict[str, list[int]] = {}
        for w in ws:
            for key in _keys(w, dimension):
                cell = acc.setdefault(key, [0, 0, 0])
                cell[0] += 1
                cell[1] += participants[w.pk]
                cell[2] += trainers[w.pk]
        for key in sorted(acc):
            rows.append(Row(dimension, key, *acc[key]))
    return rows


def elearning_before_after(workshops: Any) -> dict[str, int]:
    """Of the accepted participants' compulsory modules: passed before the workshop began, passed after it
    ended, passed during it, not passed."""

    counts = {"before": 0, "during": 0, "after": 0, "not_passed": 0}
    for w in workshops:
        modules = list(WorkshopPrerequisite.objects.filter(event=w.event).values_list("module_id", flat=True))
        if not modules:
            continue
        users = list(
            Registration.objects.filter(workshop=w, status=RegistrationStatus.ACCEPTED).values_list(
                "user_id", flat=True
            )
        )
        passed = {
            (u, m): at
            for u, m, at in Enrolment.objects.filter(
                user_id__in=users, module_id__in=modules, passed_at__isnull=False
            ).values_list("user_id", "module_id", "passed_at")
        }
        for u in users:
            for m in modules:
                at = passed.get((u, m))
                if at is None:
                    counts["not_passed"] += 1
                elif at.date() < w.event.start:
                    counts["before"] += 1
                elif at.date() > w.event.end:
                    counts["after"] += 1
                else:
                    counts["during"] += 1
    return counts


def bar_chart(pairs: list[tuple[str, int]], *, title: str) -> str:
    """A horizontal bar chart as inline SVG (server-rendered, accessible: a title and a text per bar)."""
    width, bar, gap, label_w = 520, 18, 6, 150
    top = max((v for _k, v in pairs), default=0) or 1
    height = len(pairs) * (bar + gap) + gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" class="chart"><title>{escape(title)}</title>'
    ]
    for i, (key, value) in enumerate(pairs):
        y = gap + i * (bar + gap)
        w = round((width - label_w - 50) * value / top)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + bar - 4}" text-anchor="end" font-size="12">{escape(key)}</text>'
            f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar}" fill="#1b6b3a"></rect>'
            f'<text x="{label_w + w + 4}" y="{y + bar - 4}" font-size="12">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
