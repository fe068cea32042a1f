"""Demo website: About, Partners (one page per partner), News, Contact (idempotent).

Every restricted demo page carries a unique canary string in its title and body; the no-leak tests prove
no role sees a canary it may not.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

from django.db import transaction
from wagtail.models import Page

from greencustoms.accounts.policy import Level
from greencustoms.partners.choices import PartnerStatus
from greencustoms.partners.models import Partner
from greencustoms.website import services
from greencustoms.website.models import (
    AboutPage,
    ContactPage,
    HomePage,
    NewsIndexPage,
    NewsPage,
    PartnerPage,
    PartnersIndexPage,
)

#: canary → (level, owning partner acronym or None)
PAGE_CANARIES: dict[str, tuple[str, str | None]] = {
    "GCCANARY-page-registered-4c1e": (Level.REGISTERED, None),
    "GCCANARY-page-intranet-9b7d": (Level.INTRANET, None),
}

DEMO = "Demo content written for this platform; not an official text of the initiative."


def _child(parent: Page, model: type[Page], slug: str, **fields: object) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = model(slug=slug, live=True, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    home = HomePage.objects.first()
    if home is None:
        return
    before = Page.objects.count()
    _child(
        home,
        AboutPage,
        "about",
        title="About the initiative",
        show_in_menus=True,
        intro="The Green Customs Initiative is a partnership of international organizations that helps customs "
        "officers and other border staff prevent illegal trade in environmentally sensitive commodities.",
        body="<h2>Mandate</h2><p>The partners train customs and border officers on the trade controls of the "
        "environmental agreements and share tools for detecting illegal shipments.</p>"
        "<h2>Terms of reference</h2><p>The partners meet regularly, agree on action points and report on "
        "their implementation at the next meeting. The secretariat coordinates.</p>"
        "<h2>Strategy</h2><p>Awareness, regional train-the-trainer workshops, then national training "
        f"supported by e-learning.</p><p><em>{DEMO}</em></p>",
    )
    index = _child(
        home,
        PartnersIndexPage,
        "partners",
        title="Partners",
        show_in_menus=True,
        intro="The organizations of the initiative. Each page links to the partner's general site and to its "
        "publications for customs officers.",
    )
    for partner in Partner.objects.filter(parent__isnull=True, status=PartnerStatus.PARTNER).order_by(
        "acronym"
    ):
        page = PartnerPage.objects.filter(partner=partner).first() or _child(
            index,
            PartnerPage,
            partner.slug,
            title=partner.acronym,
            partner=partner,
            intro=partner.description,
        )
        services.partner_editors_sync(partner_page=page)
    services.secretariat_workflow_ensure(page=index)
    news = _child(
        home,
        NewsIndexPage,
        "news",
        title="News",
        show_in_menus=True,
        intro="What the partners are doing (demo items).",
    )
    _child(
        news,
        NewsPage,
        "document-library-opens",
        title="The partners' document library opens (demo)",
        date=date(2026, 11, 2),
        intro="Guides, flyers and case studies of the partners are now in one searchable library.",
        body=f"<p>Search the full text of the partners' public documents and download them in their languages.</p><p><em>{DEMO}</em></p>",
    )
    _child(
        news,
        NewsPage,
        "registered-officers-module",
        title="For registered officers: screening exercises online GCCANARY-page-registered-4c1e",
        date=date(2026, 11, 9),
        access_level=Level.REGISTERED,
        intro="Signed-in officers can practise screening declarations. GCCANARY-page-registered-4c1e",
        body=f"<p>GCCANARY-page-registered-4c1e</p><p><em>{DEMO}</em></p>",
    )
    _child(
        news,
        NewsPage,
        "partners-meeting-agenda",
        title="Partners: draft agenda of the next meeting GCCANARY-page-intranet-9b7d",
        date=date(2026, 11, 16),
        access_level=Level.INTRANET,
        intro="For partners only. GCCANARY-page-intranet-9b7d",
        body=f"<p>GCCANARY-page-intranet-9b7d</p><p><em>{DEMO}</em></p>",
    )
    _child(
        home,
        ContactPage,
        "contact",
        title="Contact",
        show_in_menus=True,
        intro="Write to the partners through their generic addresses.",
        body=f"<p>Questions about training go to the partner that runs it. <em>{DEMO}</em></p>",
    )
    created = Page.objects.count() - before
    if created:
        stdout.write(f"website: {created} demo pages created\n")
