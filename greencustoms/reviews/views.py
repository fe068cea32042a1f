"""Pages of the generic reviews: the rounds a user takes part in, one round with its answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms.accounts import policy
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import require_view
from greencustoms.partners.models import Partner
from greencustoms.reviews import selectors, services
from greencustoms.reviews.forms import AnswerForm
from greencustoms.reviews.models import Round


def _visible(request: HttpRequest, pk: int) -> Round:
    if not selectors.rounds_visible_to(request.user).filter(pk=pk).exists():
        raise Http404
    round = get_object_or_404(Round, pk=pk)
    require_view(request, round)
    return round


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    if not policy.is_intranet_member(request.user):
        raise Http404
    rounds = selectors.rounds_visible_to(request.user).order_by("-opened_at")
    return render(request, "reviews/list.html", {"rounds": rounds})


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round = _visible(request, pk)
    partner = policy.staff_partner(request.user)
    return render(
        request,
        "reviews/detail.html",
        {
            "round": round,
            "answers": round.answers.select_related("partner", "decided_by"),
            "my_answer": selectors.answer_for(round=round, partner=partner),
            "form": AnswerForm(),
            "events": round.events.select_related("actor", "partner"),
        },
    )


@login_required
@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    round = _visible(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
        return redirect("reviews:detail", pk=pk)
    partner = policy.staff_partner(request.user)
    if form.cleaned_data.get("partner") and policy.is_secretariat(request.user):
        partner = get_object_or_404(Partner, pk=form.cleaned_data["partner"])
    if partner is None:
        raise Http404
    assert isinstance(request.user, User)  # login_required: a signed-in account
    try:
        services.answer(
            by=request.user,
            round=round,
            partner=partner,
            decision=form.cleaned_data["decision"],
            text=form.cleaned_data["text"],
            at=timezone.now(),
        )
    except services.ReviewError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Your answer is recorded."))
    return redirect("reviews:detail", pk=pk)
