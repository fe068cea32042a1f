"""The PDF (checked with pypdf) and the offline zip of a published edition."""

import io
import re
import zipfile
from urllib.parse import urlsplit

import pypdf
import pytest
from django.conf import settings

from greencustoms.conftest import verified
from greencustoms.guide import annex, publishing
from greencustoms.guide.tests.factories import approve_all, small_guide


@pytest.fixture
def published(partners, secretariat_user):
    return approve_all(small_guide(partners), verified(secretariat_user))


def outline_titles(reader):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
                assert reader.get_destination_page_number(item) >= 0

    walk(reader.outline)
    return titles


@pytest.fixture
def pdf(published, sample_annex):
    return pypdf.PdfReader(io.BytesIO(publishing.render_pdf(published)))


def test_the_pdf_has_a_bookmark_for_every_chapter_and_section(published, pdf):
    titles = outline_titles(pdf)
    for chapter in published.chapters.all():
        assert chapter.heading in titles
        for section in chapter.sections.all():
            assert section.title in titles
    assert "Table of contents" in titles


def test_links_in_the_pdf_are_live_annotations(published, pdf, partners):
    uris, internal = set(), 0
    for page in pdf.pages:
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            assert annot["/Subtype"] == "/Link"
            action = annot.get("/A")
            if action is not None and "/URI" in action:
                uris.add(action["/URI"])
            else:
                internal += 1
    assert partners["WCO"].website in uris and "mailto:info@cites.org" in uris
    assert "https://example.org/wco" in uris  # a link written in a section's text
    assert internal >= published.chapters.count()  # the table of contents links to each part


def test_the_table_of_contents_shows_page_numbers_and_pages_have_running_headers(pdf):
    toc = next(p.extract_text() for p in pdf.pages if "Table of contents" in p.extract_text())
    assert re.search(r"The organizations \.+ ?\d+", toc)
    chapter_page = next(p.extract_text() for p in pdf.pages if "About WCO." in p.extract_text())
    assert "Test Guide · 2030 Chapter 1. The organizations" in chapter_page  # running headers: Guide, chapter


def test_the_copyright_statement_is_printed(published, pdf):
    text = "".join(p.extract_text() for p in pdf.pages)
    assert "may be reproduced in whole or in part" in text.replace("\n", " ")


def test_the_annex_table_has_exactly_the_rows_of_the_reference_data(published, sample_annex):
    context = publishing.edition_context(published, mode=publishing.PDF)
    rows = next(c.annex_rows for c in context["chapters"] if c.annex_rows is not None)
    assert [(r.agreement, r.hs_code, r.item) for r in rows] == [
        (r["agreement_slug"], annex.format_code(r["hs_code"]), r["item"]) for r in sample_annex
    ]
    reader = pypdf.PdfReader(io.BytesIO(publishing.render_pdf(published)))
    annex_text = "".join(p.extract_text() for p in reader.pages if "Summary of HS codes" in p.extract_text())
    body_rows = re.findall(r"^(?:Montreal Protocol|Minamata Convention) .*$", annex_text, re.M)
    assert len(body_rows) == len(sample_annex)
    for row in sample_annex:
        assert f"{annex.format_code(row['hs_code'])} {row['item']}" in annex_text


def test_the_pdf_annex_rows_equal_the_agreements_reference_data(published):
    from greencustoms.agreements import selectors as agreements
    from greencustoms.agreements.models import Agreement, ControlledItem, ItemHSCode, Source

    # Whatever reference data the database holds, the Guide reads exactly the agreements app's rows.
    expected = [
        (r["agreement_slug"], annex.format_code(r["hs_code"]), r["item"])
        for r in agreements.annex_rows("HS2022")
    ]
    assert [(r.agreement, r.hs_code, r.item) for r in annex.annex_rows(edition="HS2022")] == expected

    # With one known row (this test's transaction is rolled back), the PDF's table holds exactly that row.
    ItemHSCode.objects.all().delete()
    source, _ = Source.objects.get_or_create(key="guide-test", defaults={"title": "Test source"})
    mercury_convention, _ = Agreement.objects.get_or_create(
        slug="minamata",
        defaults={
            "name": "Minamata Convention on Mercury",
            "short_name": "Minamata Convention",
            "source": source,
        },
    )
    mercury = ControlledItem.objects.create(
        agreement=mercury_convention,
        item_id="guide-test-mercury",
        kind="substance",
        name="Mercury",
        listing="Article 3",
        source=source,
    )
    ItemHSCode.objects.create(item=mercury, edition="HS2022", hs_code="280540", ex=False, source=source)
    rows = annex.annex_rows(edition="HS2022")
    assert [(r.agreement, r.hs_code, r.item) for r in rows] == [("minamata", "2805.40", "Mercury")]
    reader = pypdf.PdfReader(io.BytesIO(publishing.render_pdf(published)))
    annex_text = "".join(p.extract_text() for p in reader.pages if "Summary of HS codes" in p.extract_text())
    table = annex_text.split("Controlled item Listing", 1)[1]
    assert re.findall(r"\d{4}\.\d{2}", table) == ["2805.40"]
    assert f"{mercury_convention.short_name} 2805.40 Mercury {mercury.listing}" in table


def test_without_reference_data_the_annex_says_so_and_invents_nothing(published, monkeypatch):
    # A server without reference data: the agreements selectors answer no release, no rows and no parties.
    from types import SimpleNamespace

    empty = SimpleNamespace(
        annex_rows=lambda *a, **k: [], current_release=lambda: None, parties_of=lambda slug: []
    )
    monkeypatch.setattr(annex, "agreement_selectors", empty)
    reader = pypdf.PdfReader(io.BytesIO(publishing.render_pdf(published)))
    text = "".join(p.extract_text() for p in reader.pages).replace("\n", " ")
    assert "not loaded on this server" in text


def _links(html: str) -> list[str]:
    return re.findall(r"""(?:href|src)=["']([^"']+)["']""", html) + re.findall(r"url\(([^)]+)\)", html)


def test_the_offline_zip_has_only_relative_links_to_its_own_files(published, sample_annex):
    archive = zipfile.ZipFile(io.BytesIO(publishing.build_offline_zip(published)))
    names = archive.namelist()
    folder = names[0].split("/")[0]
    files = {n.split("/", 1)[1] for n in names}
    assert {"index.html", "guide.css", "organizations.html", "hs-codes.html", "foreword.html"} <= files
    server_hosts = {urlsplit(settings.SITE_URL).hostname, "testserver", "localhost", "127.0.0.1"}
    for name in names:
        text = archive.read(name).decode()
        assert settings.SITE_URL not in text
        for link in _links(text):
            parts = urlsplit(link)
            assert not link.startswith("/"), f"{name}: absolute path {link}"
            if parts.scheme in ("http", "https"):
                assert parts.hostname not in server_hosts, f"{name}: link to the server {link}"
            elif parts.scheme == "mailto":
                continue
            else:
                assert parts.scheme == "", link
                target = parts.path
                assert not target or target in files, f"{name}: {link} points outside the zip"
    index = archive.read(f"{folder}/index.html").decode()
    assert 'href="organizations.html#sec-' in index and '<link rel="stylesheet" href="guide.css">' in index
    assert "2903.41" in archive.read(f"{folder}/hs-codes.html").decode()


def test_agreement_sections_embed_live_listings_codes_and_parties(sample_annex):
    montreal = annex.agreement_facts("montreal")
    assert montreal.listings == [("Annex F, Group II", 1)] and montreal.hs_codes == ["2903.41"]
    assert montreal.parties == 2
    minamata = annex.agreement_facts("minamata")
    assert minamata.parties is None  # no party data shipped: unknown, not zero
    assert annex.agreement_facts("basel") is None


def test_the_live_facts_read_the_real_agreements_selectors(published):
    from greencustoms.agreements import selectors as agreements

    rows = agreements.annex_rows("HS2022", "montreal")
    facts = annex.agreement_facts("montreal")
    if not rows:
        assert facts is None
    else:
        assert facts is not None and len(facts.hs_codes) == len({r["hs_code"] for r in rows})
