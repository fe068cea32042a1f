"""Documents relate to agreement rows; the search selector (page and API) filters visibility before counting."""

import re
from io import BytesIO
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from greencustoms.accounts.choices import Level
from greencustoms.conftest import signed_in_client
from greencustoms.library import services
from greencustoms.library.models import Document
from greencustoms.library.pdf import simple_pdf
from greencustoms.tests.factories import AgreementFactory, DocumentFactory


def _create(
    partner: Any, title: str, *, agreements: list[str], level: str = Level.PUBLIC, text: str = ""
) -> Document:
    return services.document_create(
        title=title, owner_partner=partner, doc_type="flyer", language="en", access_level=level,
        fh=BytesIO(simple_pdf(title, [text or title])), name="doc.pdf", agreements=agreements,
        by=None, at=timezone.now(),
    )  # fmt: skip


def test_documents_link_agreement_rows_and_the_filters_use_them(db: Any, partners: Any, officer: Any) -> None:
    cites = AgreementFactory(slug="cites", short_name="CITES")
    basel = AgreementFactory(slug="basel", short_name="Basel")  # or the row already there: its own name
    ivory = _create(partners["WCO"], "Ivory at the border", agreements=["cites"])
    waste = _create(partners["WCO"], "Waste shipments", agreements=["basel"])
    both = _create(partners["WCO"], "Two conventions", agreements=["basel", "cites"])
    assert set(cites.library_documents.all()) == {ivory, both}
    client = signed_in_client(officer)
    rows = client.get("/api/v1/documents?agreement=cites").json()
    assert sorted(r["id"] for r in rows) == sorted([ivory.pk, both.pk])
    page = client.get("/library/?agreement=basel").content.decode()
    assert "Waste shipments" in page and "Two conventions" in page and "Ivory at the border" not in page
    detail = client.get(both.get_absolute_url()).content.decode()
    shown = re.search(r"Agreements</dt><dd>([^<]*)</dd>", detail)
    assert shown is not None and sorted(shown.group(1).split(", ")) == sorted(
        [basel.short_name, cites.short_name]
    )
    assert waste.agreements.get() == basel
    with pytest.raises(ValidationError) as refused:
        _create(partners["WCO"], "Unknown", agreements=["nowhere"])
    assert "agreements" in refused.value.message_dict
    assert not Document.objects.filter(title="Unknown").exists()


def test_visibility_is_filtered_before_matches_are_counted(db: Any, partners: Any, officer: Any) -> None:
    _create(partners["WCO"], "Public sheet", agreements=[], text="zanzibarite smuggling routes")
    _create(
        partners["WCO"], "Enforcement sheet", agreements=[], level=Level.ENFORCEMENT, text="zanzibarite risk"
    )
    response = signed_in_client(officer).get("/api/v1/documents?q=zanzibar")  # a word the text begins with
    assert response.status_code == 200 and response["X-Total-Count"] == "1"
    assert [r["title"] for r in response.json()] == ["Public sheet"]
    page = signed_in_client(officer).get("/library/?q=zanzibarite").content.decode()
    assert "Public sheet" in page and "Enforcement sheet" not in page


def test_the_list_endpoint_makes_the_same_queries_for_five_or_twenty_documents(
    db: Any, partners: Any, officer: Any
) -> None:
    cites = AgreementFactory(slug="cites", short_name="CITES")

    def queries() -> int:
        client = signed_in_client(officer)
        client.get("/api/v1/documents?agreement=cites&q=Document")  # session and user warmed
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/documents?agreement=cites&q=Document").status_code == 200
        return len(captured)

    for doc in DocumentFactory.create_batch(5, owner_partner=partners["WCO"]):
        doc.agreements.add(cites)
    five = queries()
    for doc in DocumentFactory.create_batch(15, owner_partner=partners["WCO"]):
        doc.agreements.add(cites)
    assert queries() == five <= 8


def test_a_reference_data_release_keeps_the_links(db: Any, partners: Any) -> None:
    from django.conf import settings

    from greencustoms.agreements.reference import load
    from greencustoms.agreements.services import data_release_import

    load(stdout=__import__("io").StringIO())
    document = _create(partners["WCO"], "Ozone licences", agreements=["montreal"])
    before = document.agreements.get().pk
    data_release_import(root=settings.DATA_DIR, by="test", at=timezone.now(), force=True)
    assert document.agreements.get().pk == before  # the row was updated in place, the link kept
    assert document.agreements.get().slug == "montreal"


@pytest.mark.django_db(transaction=True)
def test_the_migration_links_the_json_slugs_to_agreement_rows() -> None:
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    old = [("library", "0001_initial"), ("agreements", "0004_party_as_of")]
    executor.migrate(old)
    apps = executor.loader.project_state(old).apps
    Partner = apps.get_model("partners", "Partner")
    Agreement = apps.get_model("agreements", "Agreement")
    Source = apps.get_model("agreements", "Source")
    OldDocument = apps.get_model("library", "Document")
    source, _ = Source.objects.get_or_create(key="s", defaults={"title": "s"})
    cites, _ = Agreement.objects.get_or_create(
        slug="cites", defaults={"name": "CITES", "short_name": "CITES", "source": source}
    )
    partner = Partner.objects.create(
        slug="mig",
        acronym="MIG",
        name="Migration partner",
        kind="igo",
        status="active",
        website="https://example.org",
    )
    now = timezone.now()
    linked = OldDocument.objects.create(
        title="Old", owner_partner=partner, doc_type="flyer", access_level="public",
        agreements=["cites", "gone"], created_at=now, updated_at=now,
    )  # fmt: skip
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([("library", "0002_document_agreements_relation")])
    apps = executor.loader.project_state([("library", "0002_document_agreements_relation")]).apps
    NewDocument = apps.get_model("library", "Document")
    assert [a.pk for a in NewDocument.objects.get(pk=linked.pk).agreements.all()] == [cites.pk]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
