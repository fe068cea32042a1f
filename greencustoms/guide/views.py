"""Pages of the Guide: editions, chapters, PDF and offline downloads, review rounds, distribution."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms import renders
from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, Level, audit_view, can, require_view
from greencustoms.events.models import Event
from greencustoms.guide import publishing, selectors, services
from greencustoms.guide.choices import Decision
from greencustoms.guide.forms import (
    CommentForm,
    DecisionForm,
    DistributionForm,
    ReplyForm,
    ResolveForm,
    RoundOpenForm,
)
from greencustoms.guide.models import Chapter, Guide, ReviewComment, Section
from greencustoms.partners.models import Partner
from greencustoms.reviews.models import Round


def _guide(request: HttpRequest, year: int) -> Guide:
    guide = get_object_or_404(Guide, year=year)
    require_view(request, guide)
    return guide


def _error_messages(request: HttpRequest, exc: services.ReviewError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def index(request: HttpRequest) -> HttpResponse:
    guides = selectors.guides_visible_to(request.user)
    published = [g for g in guides if g.is_published]
    return render(
        request,
        "guide/index.html",
        {
            "current": published[0] if published else None,
            "older": published[1:],
            "drafts": [g for g in guides if not g.is_published],
        },
    )


def edition(request: HttpRequest, year: int) -> HttpResponse:
    guide = _guide(request, year)
    context = publishing.edition_context(guide, language=get_language() or "")
    secretariat = can(request.user, Action.APPROVE, guide)
    context.update(
        {
            "is_secretariat": secretariat,
            "blockers": selectors.publication_blockers(guide)
            if secretariat and not guide.is_published
            else [],
            "open_round": selectors.open_round(guide) if not guide.is_published else None,
            "other_editions": [g for g in selectors.guides_visible_to(request.user) if g.pk != guide.pk],
        }
    )
    return render(request, "guide/edition.html", context)


def chapter(request: HttpRequest, year: int, slug: str) -> HttpResponse:
    guide = _guide(request, year)
    context = publishing.edition_context(guide, language=get_language() or "")
    chapters = context["chapters"]
    index = next((i for i, c in enumerate(chapters) if c.chapter.slug == slug), None)
    if index is None:
        raise Http404
    context.update(
        {
            "ch": chapters[index],
            "previous": chapters[index - 1] if index > 0 else None,
            "next": chapters[index + 1] if index + 1 < len(chapters) else None,
        }
    )
    return render(request, "guide/chapter.html", context)


def _download(
    request: HttpRequest, guide: Guide, *, suffix: str, content_type: str, filename: str, inline: bool
) -> HttpResponse:
    """The edition's PDF or offline zip; the caller has passed the policy for ``guide`` (drafts are restricted).

    A published edition's files are rendered once per publication and data release; a draft's PDF once per
    distinct content (the digest of the HTML that is printed); a draft's zip (HTML only, cheap) every time.
    """
    published = guide.is_published and guide.published_at is not None
    # The PDF follows the page's language (translated chapters, English with a note where not translated);
    # the offline zip stays in the edition's language.
    language = (get_language() or "en").split("-")[0] if suffix == "pdf" else ""
    if published:
        version = publishing.cache_version(guide, language)

        def build() -> bytes:
            if suffix == "pdf":
                return publishing.render_pdf(guide, language=language)
            return publishing.build_offline_zip(guide)

    elif suffix == "pdf":
        html = publishing.pdf_html(guide, language)
        version = renders.digest(html)

        def build() -> bytes:
            return publishing.print_pdf(guide, html)

    else:
        response = HttpResponse(publishing.build_offline_zip(guide), content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        return response
    try:
        key = ("guide", guide.year, suffix, language) if language else ("guide", guide.year, suffix)
        name = renders.rendered(key, version, build, suffix=suffix)
    except renders.Preparing:
        return renders.preparing_response()
    return renders.file_response(
        name,
        content_type=content_type,
        filename=filename,
        inline=inline,
        public=guide.access_level == Level.PUBLIC,
    )


def pdf(request: HttpRequest, year: int) -> HttpResponse:
    if (limited := renders.throttled(request)) is not None:
        return limited
    guide = _guide(request, year)
    audit_view(request, guide, channel="pdf")
    return _download(
        request,
        guide,
        suffix="pdf",
        content_type="application/pdf",
        filename=f"green-customs-guide-{guide.year}.pdf",
        inline=True,
    )


def offline(request: HttpRequest, year: int) -> HttpResponse:
    if (limited := renders.throttled(request)) is not None:
        return limited
    guide = _guide(request, year)
    audit_view(request, guide, channel="export")
    return _download(
        request,
        guide,
        suffix="zip",
        content_type="application/zip",
        filename=f"green-customs-guide-{guide.year}-offline.zip",
        inline=False,
    )


# --- review rounds -------------------------------------------------------------------------------------


@login_required
def round_open(request: HttpRequest, year: int) -> HttpResponse:
    guide = _guide(request, year)
    if not can(request.user, Action.APPROVE, guide):
        raise PermissionDenied
    form = RoundOpenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.review_round_open(
                guide=guide,
                deadline=form.cleaned_data["deadline"],
                message=form.cleaned_data["message"],
                by=request.user,
                at=timezone.now(),
            )
        except services.ReviewError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, _("Review round opened; the concerned partners were notified."))
            return redirect("guide:round", pk=round.pk)
    return render(
        request,
        "guide/round_open.html",
        {"guide": guide, "form": form, "partners": selectors.concerned_partners(guide)},
    )


@login_required
@require_POST
def publish(request: HttpRequest, year: int) -> HttpResponse:
    guide = _guide(request, year)
    if not can(request.user, Action.APPROVE, guide):
        raise PermissionDenied
    try:
        services.guide_publish(guide=guide, by=request.user, at=timezone.now())
    except services.ReviewError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("The edition is published."))
    return redirect("guide:edition", year=guide.year)


@login_required
def rounds(request: HttpRequest) -> HttpResponse:
    if not (policy.is_secretariat(request.user) or policy.staff_partner(request.user)):
        raise Http404
    return render(request, "guide/rounds.html", {"rounds": selectors.rounds_visible_to(request.user)})


def _round(request: HttpRequest, pk: int) -> Round:
    round = get_object_or_404(Round.objects.filter(guide__isnull=False), pk=pk)
    if not selectors.rounds_visible_to(request.user).filter(pk=pk).exists():
        raise Http404
    require_view(request, round)
    return round


def _targets(round: Round, partner: Partner | None) -> tuple[list[Any], list[tuple[str, str]]]:
    """The chapters (with their sections) a reviewer comments on, and the comment target choices."""
    chapters = selectors.guide_chapters(selectors.round_guide(round))
    if partner is not None:
        chapters = [c for c in chapters if partner in selectors.chapter_partners(c)]
    choices: list[tuple[str, str]] = []
    views = []
    for chapter in chapters:
        whole = partner is None or partner in chapter.concerned_partners.all()
        sections = [s for s in chapter.ordered if whole or partner in selectors.section_partners(s)]  # type: ignore[attr-defined]
        choices.append((f"c{chapter.pk}", chapter.heading))
        section_views = []
        for s in sections:
            paras = selectors.paragraphs(s.body)
            choices.append((f"s{s.pk}", f"{chapter.heading} › {s.title}"))
            choices.extend(
                (f"s{s.pk}-p{i}", f"{chapter.heading} › {s.title} › ¶{i + 1}") for i in range(len(paras))
            )
            section_views.append((s, paras))
        views.append((chapter, section_views))
    return views, choices


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    partner = policy.staff_partner(request.user)
    secretariat = policy.is_secretariat(request.user)
    chapters, targets = _targets(round, None if secretariat else partner)
    threads = selectors.comment_threads(round)
    if not secretariat:
        threads = [t for t in threads if t.partner_id in (None, partner.pk if partner else None)]
    return render(
        request,
        "guide/round.html",
        {
            "round": round,
            "guide": selectors.round_guide(round),
            "chapters": chapters,
            "threads": threads,
            "approvals": round.answers.select_related("partner", "decided_by"),
            "my_approval": selectors.approval_for(round, partner),
            "is_secretariat": secretariat,
            "comment_form": CommentForm(targets=targets),
            "decision_form": DecisionForm(),
            "reply_form": ReplyForm(),
            "resolve_form": ResolveForm(),
            "close_blockers": selectors.round_close_blockers(round) if round.is_open else [],
            "events": round.events.select_related("actor", "partner"),
            "Decision": Decision,
        },
    )


def _parse_target(round: Round, value: str) -> dict[str, Any]:
    if value.startswith("c"):
        return {"chapter": get_object_or_404(Chapter, pk=int(value[1:]), guide_id=round.subject_id)}
    section_part, _sep, paragraph = value[1:].partition("-p")
    section = get_object_or_404(Section, pk=int(section_part), chapter__guide_id=round.subject_id)
    return {"section": section, "paragraph": int(paragraph) if paragraph else None}


@login_required
@require_POST
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    partner = None if policy.is_secretariat(request.user) else policy.staff_partner(request.user)
    _chapters, targets = _targets(round, partner)
    form = CommentForm(request.POST, targets=targets)
    if form.is_valid():
        try:
            services.review_comment_add(
                round=round,
                body=form.cleaned_data["body"],
                by=request.user,
                at=timezone.now(),
                **_parse_target(round, form.cleaned_data["target"]),
            )
        except services.ReviewError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, _("Comment recorded."))
    else:
        messages.error(request, _("The comment was not recorded: choose what it is about and write it."))
    return redirect("guide:round", pk=round.pk)


@login_required
@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    parent = get_object_or_404(ReviewComment, pk=pk)
    round = _round(request, parent.round_id)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            services.review_comment_add(
                round=round, parent=parent, body=form.cleaned_data["body"], by=request.user, at=timezone.now()
            )
        except services.ReviewError as exc:
            _error_messages(request, exc)
    return redirect("guide:round", pk=round.pk)


@login_required
@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(ReviewComment, pk=pk)
    round = _round(request, comment.round_id)
    form = ResolveForm(request.POST)
    if form.is_valid():
        try:
            services.review_comment_resolve(
                comment=comment,
                resolution=form.cleaned_data["resolution"],
                by=request.user,
                at=timezone.now(),
            )
        except services.ReviewError as exc:
            _error_messages(request, exc)
    else:
        messages.error(request, _("Say how the comment was resolved."))
    return redirect("guide:round", pk=round.pk)


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("guide:round", pk=round.pk)
    if policy.is_secretariat(request.user) and form.cleaned_data.get("partner"):
        partner = get_object_or_404(Partner, pk=form.cleaned_data["partner"])
    else:
        partner = policy.staff_partner(request.user)
        if partner is None:
            raise PermissionDenied
    try:
        services.review_decide(
            round=round,
            partner=partner,
            decision=form.cleaned_data["decision"],
            conditions=form.cleaned_data["conditions"],
            by=request.user,
            at=timezone.now(),
        )
    except services.ReviewError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("guide:round", pk=round.pk)


@login_required
@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    round = _round(request, pk)
    try:
        services.review_round_close(round=round, by=request.user, at=timezone.now())
    except services.ReviewError as exc:
        _error_messages(request, exc)
    else:
        messages.success(request, _("Round closed: every concerned partner approved."))
    return redirect("guide:round", pk=round.pk)


# --- distribution --------------------------------------------------------------------------------------


@login_required
def distribution(request: HttpRequest) -> HttpResponse:
    secretariat = policy.is_secretariat(request.user)
    partner = policy.staff_partner(request.user)
    if not (secretariat or partner):
        raise Http404
    guides = list(Guide.objects.order_by("-year"))
    guide = next(
        (g for g in guides if str(g.year) == request.GET.get("edition")), guides[0] if guides else None
    )
    events = Event.objects.visible_to(request.user).order_by("-start")
    form = DistributionForm(request.POST or None, events=events)
    if request.method == "POST" and partner is not None and guide is not None and form.is_valid():
        try:
            services.distribution_request_save(
                guide=guide,
                partner=partner,
                event=form.cleaned_data["event"],
                printed_copies=form.cleaned_data["printed_copies"],
                offline_copies=form.cleaned_data["offline_copies"],
                note=form.cleaned_data["note"],
                by=request.user,
                at=timezone.now(),
            )
        except services.ReviewError as exc:
            _error_messages(request, exc)
        else:
            messages.success(request, _("Request recorded."))
            return redirect(f"{request.path}?edition={guide.year}")
    totals, grand = selectors.distribution_totals(guide) if (secretariat and guide) else ([], {})
    requests = selectors.distribution_requests_visible_to(request.user)
    if guide is not None:
        requests = requests.filter(guide=guide)
    return render(
        request,
        "guide/distribution.html",
        {
            "guide": guide,
            "guides": guides,
            "form": form if partner is not None else None,
            "requests": requests,
            "totals": totals,
            "grand": grand,
            "is_secretariat": secretariat,
        },
    )
