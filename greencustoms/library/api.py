"""API of the document library: what the caller may see, nothing more."""

from django.db.models import Prefetch
from ninja import Router, Schema

from greencustoms.accounts.choices import Level
from greencustoms.api.schemas import one_of
from greencustoms.library.choices import DocumentType, Language
from greencustoms.library.models import Document, DocumentFile

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    title: str
    level: one_of(Level.values)  # type: ignore[valid-type]
    partner: str
    type: one_of(DocumentType.values)  # type: ignore[valid-type]
    language: one_of(Language.values)  # type: ignore[valid-type]
    file_url: str | None


@router.get("/documents", response=list[DocumentOut], summary="Documents the caller may see")
def documents(request, q: str = ""):  # type: ignore[no-untyped-def]
    qs = Document.objects.visible_to(request.user)
    if q.strip():
        qs = qs.matching(q)
    qs = qs.select_related("owner_partner").prefetch_related(
        Prefetch("files", queryset=DocumentFile.objects.order_by("version"))
    )
    result = []
    for doc in qs[:500]:
        main = doc.main_file()
        result.append(
            DocumentOut(
                id=doc.pk,
                title=doc.title,
                level=doc.access_level,
                partner=doc.owner_partner.acronym,
                type=doc.doc_type,
                language=doc.language,
                file_url=request.build_absolute_uri(main.get_download_url()) if main else None,
            )
        )
    return result
