"""Load the partner organizations from data/partners/partners.csv (idempotent)."""

import csv
from typing import TextIO

from django.conf import settings
from django.db import transaction

from greencustoms.partners.models import Partner

FIELDS = [
    "name",
    "kind",
    "status",
    "website",
    "customs_page",
    "contact_email",
    "contact_url",
    "description",
    "source",
]


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    path = settings.DATA_DIR / "partners" / "partners.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    created = updated = 0
    by_slug = {p.slug: p for p in Partner.objects.all()}
    for row in rows:
        values = {f: row[f] for f in FIELDS}
        values["agreements"] = [a for a in row["agreements"].split("|") if a]
        partner = by_slug.get(row["slug"])
        if partner is None:
            partner = Partner.objects.create(slug=row["slug"], acronym=row["acronym"], **values)
            by_slug[partner.slug] = partner
            created += 1
        elif any(getattr(partner, k) != v for k, v in values.items()) or partner.acronym != row["acronym"]:
            for key, value in values.items():
                setattr(partner, key, value)
            partner.acronym = row["acronym"]
            partner.save()
            updated += 1
    for row in rows:
        parent = by_slug.get(row["parent"]) if row["parent"] else None
        partner = by_slug[row["slug"]]
        if partner.parent_id != (parent.pk if parent else None):
            partner.parent = parent
            partner.save(update_fields=["parent"])
    if created or updated:
        stdout.write(f"partners: {created} created, {updated} updated\n")
