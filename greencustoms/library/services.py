"""Writes of the document library: documents, versions, discussion, feedback and feedback forms."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile, File
from django.db import transaction
from django.db.models import Max

from greencustoms.accounts import policy
from greencustoms.accounts.choices import AuditAction
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Action, audit, can
from greencustoms.agreements.models import Agreement
from greencustoms.events.models import Event
from greencustoms.library.choices import FeedbackStatus, QuestionKind
from greencustoms.library.files import check_upload, extract_text, make_thumbnail
from greencustoms.library.models import (
    Document,
    DocumentComment,
    DocumentFile,
    Feedback,
    FeedbackAnswer,
    FeedbackForm,
    FeedbackQuestion,
    FeedbackResponse,
)
from greencustoms.partners.models import Partner


def _refresh_search_text(document: Document) -> None:
    getattr(document, "_prefetched_objects_cache", {}).pop("files", None)  # a new file was just added
    texts = [f.text for f in document.current_files() if f.text]
    document.search_text = "\n".join(texts)


@transaction.atomic
def document_file_add(
    *,
    document: Document,
    fh: IO[bytes],
    name: str,
    language: str,
    note: str = "",
    by: User | None,
    at: datetime,
) -> DocumentFile:
    """Store a new version of a document in one language (checked, text extracted, thumbnail drawn)."""
    if by is not None and not can(by, Action.CHANGE, document):
        raise PermissionDenied
    checked = check_upload(fh, name=name)
    extracted = extract_text(fh, checked.content_type)
    thumbnail = make_thumbnail(fh, checked.content_type)
    last = document.files.filter(language=language).aggregate(v=Max("version"))["v"] or 0
    safe_name = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)[-150:] or "file"
    item = DocumentFile(
        document=document,
        language=language,
        version=last + 1,
        original_name=safe_name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        text=extracted.text,
        extraction_error=extracted.error,
        page_count=extracted.page_count,
        note=note,
        uploaded_by=by,
        uploaded_at=at,
    )
    item.file.save(safe_name, File(fh, name=safe_name), save=False)
    if thumbnail:
        item.thumbnail.save(
            f"{document.pk}-{language}-v{item.version}.png", ContentFile(thumbnail), save=False
        )
    item.save()
    document.updated_at = at
    _refresh_search_text(document)
    document.save(update_fields=["updated_at", "search_text"])
    if by is not None:
        audit(actor=by, action=AuditAction.CREATE, obj=item, channel="upload")
    return item


@transaction.atomic
def document_create(
    *,
    title: str,
    owner_partner: Partner,
    doc_type: str,
    language: str,
    access_level: str,
    fh: IO[bytes],
    name: str,
    summary: str = "",
    agreements: Iterable[str] = (),
    event: Event | None = None,
    by: User | None,
    at: datetime,
) -> Document:
    """Create a document with its first file. Partner staff create only for their own organization."""
    if by is not None and not policy.can_upload_documents(by):
        raise PermissionDenied
    if by is not None and not policy.can_upload_for(by, owner_partner):
        raise ValidationError(
            {"owner_partner": "Partner staff add documents for their own organization only."}
        )
    slugs = sorted(set(agreements))
    linked = list(Agreement.objects.filter(slug__in=slugs))
    unknown = sorted(set(slugs) - {a.slug for a in linked})
    if unknown:
        raise ValidationError({"agreements": f"Unknown agreement(s): {', '.join(unknown)}."})
    document = Document.objects.create(
        title=title.strip(),
        summary=summary.strip(),
        owner_partner=owner_partner,
        doc_type=doc_type,
        language=language,
        access_level=access_level,
        event=event,
        created_by=by,
        created_at=at,
        updated_at=at,
    )
    document.agreements.set(linked)
    document_file_add(document=document, fh=fh, name=name, language=language, by=None, at=at)
    if by is not None:
        audit(actor=by, action=AuditAction.CREATE, obj=document, channel="upload")
    return document


def comment_add(*, document: Document, body: str, by: User, at: datetime) -> DocumentComment:
    """Add a remark to the discussion of an intranet document the author may see."""
    if not policy.can_upload_documents(by) or not can(by, Action.VIEW, document):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": "The comment is empty."})
    return DocumentComment.objects.create(document=document, author=by, body=body, created_at=at)


def feedback_submit(*, document: Document, rating: int, comment: str, by: User, at: datetime) -> Feedback:
    """Record (or replace) a reader's feedback on a document they may see; it waits for moderation."""
    if not by.is_authenticated or not can(by, Action.VIEW, document):
        raise PermissionDenied
    if not 1 <= int(rating) <= 5:
        raise ValidationError({"rating": "The rating must be between 1 and 5."})
    feedback, _created = Feedback.objects.update_or_create(
        document=document,
        author=by,
        defaults={
            "rating": int(rating),
            "comment": comment.strip(),
            "status": FeedbackStatus.PENDING,
            "created_at": at,
            "moderated_by": None,
            "moderated_at": None,
        },
    )
    return feedback


def feedback_moderate(*, feedback: Feedback, approve: bool, by: User, at: datetime) -> Feedback:
    """The secretariat publishes or rejects a piece of feedback."""
    if not policy.can_moderate(by):
        raise PermissionDenied
    feedback.status = FeedbackStatus.APPROVED if approve else FeedbackStatus.REJECTED
    feedback.moderated_by = by
    feedback.moderated_at = at
    feedback.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit(
        actor=by,
        action=AuditAction.APPROVE if approve else AuditAction.REFUSE,
        obj=feedback,
        channel="moderation",
    )
    return feedback


@transaction.atomic
def feedback_form_create(
    *,
    event: Event,
    title: str,
    questions: Iterable[tuple[str, str]],
    intro: str = "",
    by: User | None,
    at: datetime,
) -> FeedbackForm:
    """Attach a questionnaire to an event: (text, kind) pairs; the event's lead partner or the secretariat.

    ``by=None`` is the system itself (demo loader, commands).
    """
    if by is not None and not can(by, Action.CHANGE, event):
        raise PermissionDenied
    form = FeedbackForm.objects.create(event=event, title=title, intro=intro, created_by=by, created_at=at)
    for order, (text, kind) in enumerate(questions):
        kind = QuestionKind(kind)
        FeedbackQuestion.objects.create(
            form=form, order=order, text=text, kind=kind, required=kind == QuestionKind.RATING
        )
    return form


@transaction.atomic
def feedback_form_answer(
    *, form: FeedbackForm, answers: dict[int, Any], by: User, at: datetime
) -> FeedbackResponse:
    """Store one participant's answers (question id → rating or text); one response per person."""
    if not by.is_authenticated or not can(by, Action.VIEW, form):
        raise PermissionDenied
    if not form.is_open:
        raise ValidationError({"__all__": "This form is closed."})
    if FeedbackResponse.objects.filter(form=form, respondent=by).exists():
        raise ValidationError({"__all__": "You have already answered this form."})
    errors: dict[str, str] = {}
    rows: list[FeedbackAnswer] = []
    for question in form.questions.all():
        value = answers.get(question.pk)
        field = f"q{question.pk}"
        if question.kind == QuestionKind.RATING:
            if value in (None, ""):
                if question.required:
                    errors[field] = "This question needs a rating."
                continue
            try:
                rating = int(value)
            except (TypeError, ValueError):
                rating = 0
            if not 1 <= rating <= 5:
                errors[field] = "The rating must be between 1 and 5."
                continue
            rows.append(FeedbackAnswer(question=question, rating=rating))
        else:
            text = str(value or "").strip()
            if not text and question.required:
                errors[field] = "This question needs an answer."
            elif text:
                rows.append(FeedbackAnswer(question=question, text=text[:3000]))
    if errors:
        raise ValidationError(errors)
    response = FeedbackResponse.objects.create(form=form, respondent=by, submitted_at=at)
    for row in rows:
        row.response = response
    FeedbackAnswer.objects.bulk_create(rows)
    return response
