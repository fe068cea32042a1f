"""Pages of the document library, the enforcement section, the intranet and feedback."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms.accounts import policy
from greencustoms.accounts.choices import AuditAction
from greencustoms.accounts.policy import (
    Action,
    Level,
    audit_view,
    can,
    require_view,
    visible_levels,
)
from greencustoms.events.models import Event
from greencustoms.library import selectors, services
from greencustoms.library.downloads import private_file_response
from greencustoms.library.forms import (
    CommentForm,
    DocumentUploadForm,
    FeedbackForm,
    FeedbackFormCreateForm,
    SearchForm,
    VersionForm,
)
from greencustoms.library.models import DocumentFile, Feedback
from greencustoms.library.models import FeedbackForm as Questionnaire
from greencustoms.library.storage import private_storage

CEN_URL = "https://www.wcoomd.org/en/topics/enforcement-and-compliance/instruments-and-tools/cen-suite.aspx"


def index(request: HttpRequest) -> HttpResponse:
    """The library: full-text search and filters over the documents the visitor may see."""
    form = SearchForm(request.GET or None, levels=visible_levels(request.user))
    filters = selectors.DocumentFilters()
    if form.is_valid():
        filters = selectors.DocumentFilters(**{k: v or "" for k, v in form.cleaned_data.items()})
    documents = selectors.document_search(request.user, filters)
    page = Paginator(documents, 20).get_page(request.GET.get("page"))
    for doc in page.object_list:
        doc.snippet = selectors.snippet(doc.summary + " " + doc.search_text, filters.q) if filters.q else ""
    return render(
        request,
        "library/index.html",
        {
            "form": form,
            "page_obj": page,
            "query": filters.q,
            "may_upload": policy.can_upload_documents(request.user),
        },
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    if document is None:
        raise Http404
    require_view(request, document, channel="page")
    user = request.user
    context = {
        "document": document,
        "files": document.current_files(),
        "history": sorted(document.files.all(), key=lambda f: (f.language, -f.version)),
        "rating": selectors.rating_summary(document),
        "feedback": selectors.feedback_for_document(user, document),
        "feedback_form": FeedbackForm() if user.is_authenticated else None,
        "may_change": can(user, Action.CHANGE, document),
        "version_form": VersionForm(initial={"language": document.language}),
        "discussion": policy.is_intranet_member(user) and document.access_level == Level.INTRANET,
        "comments": document.comments.select_related("author"),
        "comment_form": CommentForm(),
    }
    return render(request, "library/detail.html", context)


def _checked_file(request: HttpRequest, file_pk: int) -> DocumentFile:
    item = get_object_or_404(DocumentFile.objects.select_related("document"), pk=file_pk)
    if not can(request.user, Action.VIEW, item):
        raise Http404
    return item


def download(request: HttpRequest, file_pk: int, name: str = "") -> HttpResponse:
    """The one way to a library file: asks the policy, audits restricted downloads."""
    item = _checked_file(request, file_pk)
    audit_view(request, item, channel="file", action=AuditAction.DOWNLOAD)
    return private_file_response(
        storage_name=item.file.name,
        storage=private_storage,
        content_type=item.content_type,
        filename=item.original_name,
        level=item.access_level,
        inline=request.GET.get("inline") == "1" and item.content_type == "application/pdf",
    )


def thumbnail(request: HttpRequest, file_pk: int) -> HttpResponse:
    item = _checked_file(request, file_pk)
    if not item.thumbnail:
        raise Http404
    audit_view(request, item, channel="thumbnail")
    return private_file_response(
        storage_name=item.thumbnail.name,
        storage=private_storage,
        content_type="image/png",
        filename=f"preview-{item.pk}.png",
        level=item.access_level,
        inline=True,
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    if not policy.can_upload_documents(request.user):
        raise PermissionDenied
    secretariat = policy.is_secretariat(request.user)
    initial = {"event": request.GET.get("event")} if request.GET.get("event") else None
    form = DocumentUploadForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        secretariat=secretariat,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload_file = data["file"]
        try:
            document = services.document_create(
                title=data["title"],
                summary=data["summary"],
                owner_partner=data["owner_partner"],
                doc_type=data["doc_type"],
                language=data["language"],
                access_level=data["access_level"],
                agreements=data["agreements"],
                event=data["event"],
                fh=upload_file,
                name=upload_file.name,
                by=request.user,
                at=timezone.now(),
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The document was added."))
            return redirect(document)
    return render(request, "library/upload.html", {"form": form}, status=400 if form.errors else 200)


def _add_errors(form: Any, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_POST
def add_version(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    if document is None:
        raise Http404
    if not can(request.user, Action.CHANGE, document):
        raise PermissionDenied
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.document_file_add(
                document=document,
                fh=form.cleaned_data["file"],
                name=form.cleaned_data["file"].name,
                language=form.cleaned_data["language"],
                note=form.cleaned_data["note"],
                by=request.user,
                at=timezone.now(),
            )
        except ValidationError as exc:
            for errors in exc.message_dict.values():
                for error in errors:
                    messages.error(request, error)
        else:
            messages.success(request, _("The new version was added."))
    else:
        for field, errors in form.errors.items():
            for error in errors:
                messages.error(request, f"{form.fields[field].label}: {error}")
    return redirect(document)


@login_required
@require_POST
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    if document is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        services.comment_add(
            document=document, body=form.cleaned_data["body"], by=request.user, at=timezone.now()
        )
    return redirect(document.get_absolute_url() + "#discussion")


@login_required
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    document = selectors.document_for(request.user, pk)
    if document is None:
        raise Http404
    form = FeedbackForm(request.POST)
    if form.is_valid():
        services.feedback_submit(
            document=document,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
            by=request.user,
            at=timezone.now(),
        )
        messages.success(
            request, _("Thank you. Your feedback will appear once the secretariat has checked it.")
        )
    else:
        messages.error(request, _("Rating: choose a rating from 1 to 5."))
    return redirect(document.get_absolute_url() + "#feedback")


@login_required
def moderation(request: HttpRequest) -> HttpResponse:
    if not policy.can_moderate(request.user):
        raise Http404
    if request.method == "POST":
        item = get_object_or_404(Feedback, pk=request.POST.get("feedback"))
        services.feedback_moderate(
            feedback=item,
            approve=request.POST.get("decision") == "approve",
            by=request.user,
            at=timezone.now(),
        )
        return redirect("library:moderation")
    return render(request, "library/moderation.html", {"pending": selectors.feedback_pending()})


@login_required
def partner_feedback(request: HttpRequest) -> HttpResponse:
    """Partner staff read the feedback given on their organization's documents."""
    if not policy.is_intranet_member(request.user):
        raise Http404
    return render(
        request,
        "library/partner_feedback.html",
        {"items": selectors.feedback_on_partner_documents(request.user)},
    )


def enforcement(request: HttpRequest) -> HttpResponse:
    """Restricted section: risk indicators for vetted enforcement officers (and the secretariat)."""
    user = request.user
    if not policy.can_view_level(user, Level.ENFORCEMENT):
        return render(request, "library/enforcement_denied.html", status=403)
    documents = list(selectors.enforcement_documents(user))
    for doc in documents:
        audit_view(request, doc, channel="listing")
    return render(request, "library/enforcement.html", {"documents": documents, "cen_url": CEN_URL})


def intranet(request: HttpRequest) -> HttpResponse:
    if not policy.is_intranet_member(request.user):
        raise Http404
    return render(
        request,
        "library/intranet.html",
        {
            "folders": selectors.intranet_folders(request.user),
            "documents": selectors.intranet_documents(request.user),
            "forms": selectors.feedback_forms_for(request.user),
        },
    )


def folder(request: HttpRequest, event_pk: int) -> HttpResponse:
    if not policy.is_intranet_member(request.user):
        raise Http404
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=event_pk)
    require_view(request, event, channel="page")
    documents = selectors.documents_visible(request.user).filter(event=event).select_related("owner_partner")
    return render(
        request,
        "library/folder.html",
        {
            "event": event,
            "documents": documents,
            "forms": event.feedback_forms.all(),
            "may_add_form": can(request.user, Action.CHANGE, event),
        },
    )


@login_required
def form_create(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.visible_to(request.user), pk=event_pk)
    if not can(request.user, Action.CHANGE, event):
        raise PermissionDenied
    form = FeedbackFormCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        questionnaire = services.feedback_form_create(
            event=event,
            title=form.cleaned_data["title"],
            intro=form.cleaned_data["intro"],
            questions=form.cleaned_data["questions"],
            by=request.user,
            at=timezone.now(),
        )
        return redirect("library:form_summary", questionnaire.pk)
    return render(request, "library/form_create.html", {"form": form, "event": event})


def _questionnaire_for(request: HttpRequest, pk: int) -> Questionnaire:
    questionnaire = get_object_or_404(Questionnaire.objects.select_related("event"), pk=pk)
    if not can(request.user, Action.VIEW, questionnaire):
        raise Http404
    return questionnaire


@login_required
def form_answer(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire_for(request, pk)
    questions = list(questionnaire.questions.all())
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        answers = {q.pk: request.POST.get(f"q{q.pk}", "") for q in questions}
        try:
            services.feedback_form_answer(
                form=questionnaire, answers=answers, by=request.user, at=timezone.now()
            )
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(request, _("Thank you for your answers."))
            return redirect("library:form_answer", questionnaire.pk)
    answered = questionnaire.responses.filter(respondent=request.user).exists()
    return render(
        request,
        "library/form_answer.html",
        {
            "questionnaire": questionnaire,
            "questions": questions,
            "errors": errors,
            "answered": answered,
            "values": request.POST,
        },
        status=400 if errors else 200,
    )


@login_required
def form_summary(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = _questionnaire_for(request, pk)
    if not selectors.may_see_form_summary(request.user, questionnaire):
        raise Http404
    count, summaries = selectors.feedback_form_summary(questionnaire)
    return render(
        request,
        "library/form_summary.html",
        {"questionnaire": questionnaire, "count": count, "summaries": summaries},
    )


def image(request: HttpRequest, pk: int) -> HttpResponse:
    """A Wagtail image through the policy: images in restricted collections are never public media."""
    from wagtail.images import get_image_model

    item = get_object_or_404(get_image_model().objects.select_related("collection"), pk=pk)
    guard = selectors.collection_guard(item.collection)
    if not can(request.user, Action.VIEW, guard):
        raise Http404
    item.access_level = guard.access_level
    audit_view(request, item, channel="image")
    content_type = mimetypes.guess_type(item.file.name)[0] or "application/octet-stream"
    return private_file_response(
        storage_name=item.file.name,
        storage=item.file.storage,
        content_type=content_type,
        filename=item.file.name.rsplit("/", 1)[-1],
        level=guard.access_level,
        inline=True,
    )


def wagtail_document(request: HttpRequest, pk: int) -> HttpResponse:
    """A Wagtail document of a restricted collection, served through the policy (see wagtail_hooks)."""
    from wagtail.documents import get_document_model

    item = get_object_or_404(get_document_model().objects.select_related("collection"), pk=pk)
    guard = selectors.collection_guard(item.collection)
    if not can(request.user, Action.VIEW, guard):
        raise Http404
    item.access_level = guard.access_level
    audit_view(request, item, channel="wagtail-document", action=AuditAction.DOWNLOAD)
    return private_file_response(
        storage_name=item.file.name,
        storage=item.file.storage,
        content_type=mimetypes.guess_type(item.filename)[0] or "application/octet-stream",
        filename=item.filename,
        level=guard.access_level,
    )
