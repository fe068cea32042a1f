"""API of the partners domain."""

from ninja import Router, Schema

from greencustoms.api.schemas import one_of
from greencustoms.partners import selectors
from greencustoms.partners.choices import PartnerKind, PartnerStatus

router = Router(tags=["partners"])


class PartnerOut(Schema):
    acronym: str
    name: str
    slug: str
    kind: one_of(PartnerKind.values)  # type: ignore[valid-type]
    status: one_of(PartnerStatus.values)  # type: ignore[valid-type]
    parent: str | None
    website: str
    customs_page: str
    contact_email: str
    contact_url: str
    agreements: list[str]


@router.get("/partners", response=list[PartnerOut], summary="Organizations of the initiative")
def partners(request):  # type: ignore[no-untyped-def]
    return [
        PartnerOut(
            acronym=p.acronym,
            name=p.name,
            slug=p.slug,
            kind=p.kind,
            status=p.status,
            parent=p.parent.acronym if p.parent else None,
            website=p.website,
            customs_page=p.customs_page,
            contact_email=p.contact_email,
            contact_url=p.contact_url,
            agreements=p.agreements,
        )
        for p in selectors.partner_list()
    ]
