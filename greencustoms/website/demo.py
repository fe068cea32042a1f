"""Demo website: About, Partners (one page per partner), News, Contact (idempotent).

Every restricted demo page carries a unique canary string in its title and body; the no-leak tests prove
no role sees a canary it may not.
"""

from __future__ import annotations

from datetime import date
from typing import TextIO

from django.db import transaction
from wagtail.models import Locale, Page

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
    home = HomePage.objects.filter(locale__language_code="en").first()
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
    _translations(home)
    created = Page.objects.count() - before
    if created:
        stdout.write(f"website: {created} demo pages created\n")


#: Demo translations written for this platform (marked as such on each page); not official texts.
DEMO_FR = "Traduction de démonstration rédigée pour cette plateforme ; pas un texte officiel de l'initiative."
DEMO_ES = (
    "Traducción de demostración redactada para esta plataforma; no es un texto oficial de la iniciativa."
)

#: English slug path (below the home page; "" is the home page) → language → fields.
TRANSLATIONS: dict[str, dict[str, dict[str, str]]] = {
    "": {
        "fr": {
            "title": "Initiative Douanes vertes",
            "intro": "Bienvenue sur la plateforme des partenaires de l'Initiative Douanes vertes. " + DEMO_FR,
        },
        "es": {
            "title": "Iniciativa Aduanas Verdes",
            "intro": "Bienvenido a la plataforma de los asociados de la Iniciativa Aduanas Verdes. "
            + DEMO_ES,
        },
    },
    "about": {
        "fr": {
            "title": "À propos de l'initiative",
            "intro": "L'Initiative Douanes vertes est un partenariat d'organisations internationales qui aide les "
            "agents des douanes et les autres agents aux frontières à prévenir le commerce illicite de produits "
            "sensibles pour l'environnement.",
            "body": "<h2>Mandat</h2><p>Les partenaires forment les agents des douanes et des frontières aux "
            "contrôles commerciaux des accords environnementaux et partagent des outils pour détecter les "
            "expéditions illicites.</p><h2>Mandat de travail</h2><p>Les partenaires se réunissent régulièrement, "
            "conviennent de points d'action et rendent compte de leur mise en œuvre à la réunion suivante. Le "
            "secrétariat assure la coordination.</p><h2>Stratégie</h2><p>Sensibilisation, ateliers régionaux de "
            "formation de formateurs, puis formation nationale appuyée par l'apprentissage en ligne.</p>"
            f"<p><em>{DEMO_FR}</em></p>",
        },
        "es": {
            "title": "Acerca de la iniciativa",
            "intro": "La Iniciativa Aduanas Verdes es una asociación de organizaciones internacionales que ayuda a "
            "los funcionarios de aduanas y a otros agentes de fronteras a prevenir el comercio ilícito de "
            "productos sensibles para el medio ambiente.",
            "body": "<h2>Mandato</h2><p>Los asociados forman a los funcionarios de aduanas y fronteras en los "
            "controles comerciales de los acuerdos ambientales y comparten herramientas para detectar envíos "
            "ilícitos.</p><h2>Términos de referencia</h2><p>Los asociados se reúnen periódicamente, acuerdan "
            "puntos de acción e informan de su ejecución en la reunión siguiente. La secretaría coordina.</p>"
            "<h2>Estrategia</h2><p>Sensibilización, talleres regionales de formación de formadores y, después, "
            "formación nacional apoyada por el aprendizaje en línea.</p>"
            f"<p><em>{DEMO_ES}</em></p>",
        },
    },
    "partners": {
        "fr": {
            "title": "Partenaires",
            "intro": "Les organisations de l'initiative. Chaque page renvoie au site général du partenaire et à "
            "ses publications destinées aux agents des douanes.",
        },
        "es": {
            "title": "Asociados",
            "intro": "Las organizaciones de la iniciativa. Cada página enlaza con el sitio general del asociado y "
            "con sus publicaciones para los funcionarios de aduanas.",
        },
    },
}

#: Partner pages: an introduction in the page's language (the partner's own description stays in English).
PARTNER_INTRO = {
    "fr": "{name} : organisation partenaire de l'Initiative Douanes vertes. " + DEMO_FR,
    "es": "{name}: organización asociada de la Iniciativa Aduanas Verdes. " + DEMO_ES,
}


def _translate(page: Page, language: str, fields: dict[str, str]) -> Page:
    """The ``language`` translation of ``page`` (its parent already translated), made and published once."""
    locale, _created = Locale.objects.get_or_create(language_code=language)
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    copy = page.copy_for_translation(locale).specific
    for name, value in fields.items():
        setattr(copy, name, value)
    copy.live = True
    copy.save()
    copy.save_revision().publish()
    return copy


def _translations(home: Page) -> None:
    """French and Spanish demo translations of the home, about, partner and public news pages.

    The registered and intranet news items (canaries) stay English only: under /fr/ and /es/ they fall back
    to the English page, still behind their level.
    """
    for language in ("fr", "es"):
        for path, by_language in TRANSLATIONS.items():
            page = home
            for slug in filter(None, path.split("/")):
                page = page.get_children().get(slug=slug)
            _translate(page.specific, language, by_language[language])
        index = PartnersIndexPage.objects.child_of(home).first()
        if index is None:
            continue
        translated_index = index.get_translation(Locale.objects.get(language_code=language))
        services.secretariat_workflow_ensure(page=translated_index)
        for partner_page in PartnerPage.objects.child_of(index):
            name = partner_page.partner.name or partner_page.partner.acronym
            translated = _translate(
                partner_page, language, {"intro": PARTNER_INTRO[language].format(name=name)}
            )
            services.partner_editors_sync(partner_page=translated)
