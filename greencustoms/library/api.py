"""API of the document library: what the caller may see, nothing more, a page at a time."""

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema
from ninja.errors import HttpError

from greencustoms.accounts.choices import Level
from greencustoms.api.schemas import ErrorOut, one_of
from greencustoms.library import selectors
from greencustoms.library.choices import DocumentType, Language
from greencustoms.library.models import Document

router = Router(tags=["documents"])

#: Documents per page when the caller does not say; the most one page may hold.
DEFAULT_LIMIT = 100
MAX_LIMIT = 500


class DocumentOut(Schema):
    id: int
    title: str
    level: one_of(Level.values)  # type: ignore[valid-type]
    partner: str
    type: one_of(DocumentType.values)  # type: ignore[valid-type]
    language: one_of(Language.values)  # type: ignore[valid-type]
    file_url: str | None


def _choice(field: str, value: str, allowed: list[str]) -> str:
    if value and value not in allowed:
        raise HttpError(400, f"{field}: {value!r} is not one of {', '.join(allowed)}")
    return value


@router.get(
    "/documents",
    response={200: list[DocumentOut], 400: ErrorOut},
    summary="Documents the caller may see",
    description=(
        "The same search as the library page (`q` in titles, summaries and keywords; filters by partner acronym, "
        "agreement slug, type, language and level), newest first. A page at a time: `limit` (default "
        f"{DEFAULT_LIMIT}, at most {MAX_LIMIT}) and `offset`; the answer's `X-Total-Count` header gives the number "
        "of matching documents and `Link` (rel=next) the next page."
    ),
)
def documents(  # type: ignore[no-untyped-def]
    request: HttpRequest,
    response: HttpResponse,
    q: str = "",
    partner: str = "",
    agreement: str = "",
    type: one_of(["", *DocumentType.values]) = "",  # type: ignore[valid-type]  # noqa: A002 - the field's name in the answer
    language: one_of(["", *Language.values]) = "",  # type: ignore[valid-type]
    level: one_of(["", *Level.values]) = "",  # type: ignore[valid-type]
    limit: int = DEFAULT_LIMIT,
    offset: int = 0,
):
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit: {limit} is not between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise HttpError(400, f"offset: {offset} is negative")
    filters = selectors.DocumentFilters(
        q=q,
        partner=partner,
        agreement=agreement,
        doc_type=_choice("type", type, list(DocumentType.values)),
        language=_choice("language", language, list(Language.values)),
        level=_choice("level", level, list(Level.values)),
    )
    found = selectors.document_search(request.user, filters)
    total = found.count()
    page: list[Document] = list(found[offset : offset + limit])
    response["X-Total-Count"] = str(total)
    if offset + limit < total:
        query = request.GET.copy()
        query["offset"] = str(offset + limit)
        query["limit"] = str(limit)
        response["Link"] = f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="next"'
    rows = []
    for doc in page:
        main = doc.main_file()
        rows.append(
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
    return rows
