"""Reads about partner organizations."""

from django.db.models import QuerySet

from greencustoms.partners.models import Partner


def partner_list() -> QuerySet[Partner]:
    """All organizations, partners first then candidates, alphabetically by acronym."""
    return Partner.objects.select_related("parent").order_by("-status", "acronym")


def partner_by_acronym(acronym: str) -> Partner | None:
    return Partner.objects.filter(acronym__iexact=acronym).first()
