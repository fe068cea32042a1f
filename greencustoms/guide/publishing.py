"""The three renderings of an edition: web pages, the PDF (WeasyPrint) and the offline zip of static HTML.

All three are built from one :func:`edition_context`; only the way a chapter or section is linked
differs (``mode``): a site URL on the web, ``#anchor`` inside the PDF, ``chapter.html#anchor`` offline.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.module_loading import import_string

from greencustoms.guide import annex, selectors
from greencustoms.guide.choices import Generated, SectionKind
from greencustoms.guide.models import Chapter, Guide, Section
from greencustoms.translations import selectors as translations

STATIC_DIR = Path(__file__).resolve().parent / "static" / "guide"
WEB, PDF, OFFLINE = "web", "pdf", "offline"


@dataclass
class SectionView:
    section: Section
    href: str
    anchor: str
    paragraphs: list[str]
    facts: annex.AgreementFacts | None = None
    live_data_missing: bool = False
    translation_state: str = (
        ""  # translations.selectors: missing (English shown), outdated, translated, source
    )


@dataclass
class ChapterView:
    chapter: Chapter
    href: str
    anchor: str
    intro: list[str]
    sections: list[SectionView] = field(default_factory=list)
    annex_rows: list[annex.AnnexRow] | None = None
    translation_state: str = ""
    #: Published seizure cases listed under the written case studies (web only; see ``_published_cases``).
    published_cases: list[Any] | None = None


def _worst(*states: str) -> str:
    """One note per block: English shown beats outdated beats translated."""
    for state in (translations.MISSING, translations.OUTDATED, translations.DONE):
        if state in states:
            return state
    return translations.ENGLISH


def _translate(obj: Any, fields: tuple[str, ...], language: str) -> str:
    """Put the ``language`` texts of ``obj``'s fields on this in-memory copy (never saved: a rendering's own
    copy of the outline) and answer the block's translation state."""
    states = []
    for name in fields:
        shown = translations.translated(obj, name, language)
        setattr(obj, name, shown.text)
        if getattr(obj, name):
            states.append(shown.state)
    return _worst(*states)


def offline_filename(chapter: Chapter) -> str:
    return f"{chapter.slug}.html"


def _chapter_href(guide: Guide, chapter: Chapter, mode: str) -> str:
    if mode == PDF:
        return f"#{chapter.anchor}"
    if mode == OFFLINE:
        return offline_filename(chapter)
    return reverse("guide:chapter", args=[guide.year, chapter.slug])


def _published_cases() -> list[Any]:
    """The seizure cases the secretariat published (``settings.GUIDE_CASE_STUDIES``, a dotted function of
    no argument returning objects with ``get_absolute_url``); listed on the web chapter only: the PDF and
    the offline edition are fixed at publication and keep the written case studies."""
    path = getattr(settings, "GUIDE_CASE_STUDIES", "")
    return list(import_string(path)()) if path else []


def edition_context(
    guide: Guide, *, mode: str = WEB, edition: str = annex.CURRENT_EDITION, language: str = ""
) -> dict[str, Any]:
    """Everything a rendering of the edition needs, chapters and sections in reading order; in ``language``
    (French or Spanish where translated, else English with a note), default the edition's own."""
    chapters = []
    language = (language or (guide.languages[0] if guide.languages else "en")).split("-")[0]
    outline = selectors.guide_chapters(guide)
    live = {
        s.agreement
        for c in outline
        for s in c.ordered  # type: ignore[attr-defined]
        if s.kind == SectionKind.AGREEMENT and (s.embed_listing or s.embed_hs_codes or s.embed_parties)
    }
    needs_rows = bool(live) or any(c.generated == Generated.HS_ANNEX for c in outline)
    rows = annex.annex_rows(edition=edition) if needs_rows else []
    facts_by_slug = annex.all_agreement_facts(rows, live)
    for chapter in outline:
        href = _chapter_href(guide, chapter, mode)
        page = "" if mode == PDF else href.split("#")[0]
        chapter_state = _translate(chapter, ("title", "intro"), language)
        view = ChapterView(
            chapter=chapter,
            href=href,
            anchor=chapter.anchor,
            intro=selectors.paragraphs(chapter.intro),
            translation_state=chapter_state,
        )
        for section in chapter.ordered:  # type: ignore[attr-defined]
            wants_live = section.kind == SectionKind.AGREEMENT and (
                section.embed_listing or section.embed_hs_codes or section.embed_parties
            )
            facts = facts_by_slug.get(section.agreement) if wants_live else None
            section_state = _translate(section, ("title", "body"), language)
            view.sections.append(
                SectionView(
                    section=section,
                    href=f"{page}#{section.anchor}",
                    anchor=section.anchor,
                    paragraphs=selectors.paragraphs(section.body),
                    facts=facts,
                    live_data_missing=wants_live and facts is None,
                    translation_state=section_state,
                )
            )
        if chapter.generated == Generated.HS_ANNEX:
            view.annex_rows = rows
        if mode == WEB and any(s.kind == SectionKind.CASE_STUDY for s in chapter.ordered):  # type: ignore[attr-defined]
            view.published_cases = _published_cases()
        chapters.append(view)
    return {
        "guide": guide,
        "chapters": chapters,
        "mode": mode,
        "hs_edition": edition,
        "annex_available": annex.available(),
        "data_release": annex.data_release(),
        "generated_at": datetime.now(UTC),
        "language": language,
    }


def pdf_html(guide: Guide, language: str = "") -> str:
    """The HTML that is printed to the edition's PDF (milliseconds; the printing takes the time)."""
    context = edition_context(guide, mode=PDF, language=language)
    context["css"] = (STATIC_DIR / "pdf.css").read_text(encoding="utf-8")
    with translation.override(context["language"]):
        return render_to_string("guide/pdf.html", context)


def print_pdf(guide: Guide, html: str, *, base_url: str | None = None) -> bytes:
    from weasyprint import CSS, HTML

    document = HTML(string=html, base_url=base_url or str(STATIC_DIR))
    return document.write_pdf(stylesheets=[CSS(string="")], pdf_identifier=f"gcg-{guide.year}".encode())


def render_pdf(guide: Guide, *, base_url: str | None = None, language: str = "") -> bytes:
    """The edition as a PDF: cover, contents with page numbers, bookmarks, live links, running headers."""
    return print_pdf(guide, pdf_html(guide, language), base_url=base_url)


def cache_version(guide: Guide, language: str = "") -> str:
    """What a published edition's files depend on: its publication, the data release of its live tables and,
    in French or Spanish, the state of the translations (a saved translation gives a new file)."""
    assert guide.published_at is not None
    version = f"{guide.published_at:%Y%m%dT%H%M%S}-{annex.data_release()}-{'-'.join(guide.languages)}"
    own = guide.languages[0] if guide.languages else "en"
    if language and language != own:
        version += f"-{language}-{translations.generation(language)}"
    return version


def offline_files(guide: Guide) -> dict[str, bytes]:
    """Name → content of every file of the offline edition (static HTML, one stylesheet, relative links)."""
    context = edition_context(guide, mode=OFFLINE)
    files: dict[str, bytes] = {"guide.css": (STATIC_DIR / "offline.css").read_bytes()}
    chapters: list[ChapterView] = context["chapters"]
    with translation.override(guide.languages[0] if guide.languages else "en"):
        files["index.html"] = render_to_string("guide/offline/index.html", context).encode()
        for i, view in enumerate(chapters):
            page = {
                **context,
                "ch": view,
                "previous": chapters[i - 1] if i > 0 else None,
                "next": chapters[i + 1] if i + 1 < len(chapters) else None,
            }
            files[offline_filename(view.chapter)] = render_to_string(
                "guide/offline/chapter.html", page
            ).encode()
    return files


def build_offline_zip(guide: Guide) -> bytes:
    """The offline edition as a zip with one top folder, to copy on a USB stick or CD and open index.html."""
    folder = f"green-customs-guide-{guide.year}"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in sorted(offline_files(guide).items()):
            info = zipfile.ZipInfo(f"{folder}/{name}", date_time=(max(guide.year, 1980), 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, content)
    return buffer.getvalue()
