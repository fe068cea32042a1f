"""The translators' pages: what is missing or outdated per language, and the form to translate an object."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from greencustoms.accounts import policy
from greencustoms.translations import registry, selectors, services

STATES = (selectors.MISSING, selectors.OUTDATED, selectors.DONE)


def _allowed(request: HttpRequest, language: str) -> None:
    if not policy.can_translate(request.user):
        raise PermissionDenied
    if language not in registry.LANGUAGES:
        raise Http404


def _language_name(language: str) -> str:
    return str(get_language_info(language)["name_translated"])


@login_required
def index(request: HttpRequest) -> HttpResponse:
    if not policy.can_translate(request.user):
        raise PermissionDenied
    languages = [
        {
            "code": code,
            "name": _language_name(code),
            "totals": selectors.status(language=code, by=request.user)["totals"],
        }
        for code in registry.LANGUAGES
    ]
    return render(request, "translations/index.html", {"languages": languages})


@login_required
def language(request: HttpRequest, language: str) -> HttpResponse:
    _allowed(request, language)
    kind = request.GET.get("kind", "")
    if kind and kind not in registry.KINDS:
        kind = ""
    state = request.GET.get("state", "")
    if state not in STATES:
        state = ""
    data = selectors.status(language=language, by=request.user, kind=kind, state=state)
    return render(
        request,
        "translations/language.html",
        {
            **data,
            "language_name": _language_name(language),
            "kind": kind,
            "state": state,
            "kind_options": registry.KINDS.values(),
            "state_options": [
                (selectors.MISSING, _("missing")),
                (selectors.OUTDATED, _("outdated (English changed)")),
                (selectors.DONE, _("translated")),
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, language: str, kind: str, key: str) -> HttpResponse:
    _allowed(request, language)
    k = registry.KINDS.get(kind)
    if k is None:
        raise Http404
    obj = registry.find(k, key)
    if obj is None or not registry.visible_to(k, obj, request.user):
        raise Http404
    if request.method == "POST":
        texts = {name: request.POST.get(name, "") for name in k.fields if name in request.POST}
        try:
            changed = services.save_object(kind=k, obj=obj, language=language, texts=texts, by=request.user)
        except services.TranslationError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("%(n)s field(s) saved.") % {"n": changed})
            return redirect(request.POST.get("next") or request.path)
    fields = selectors.fields_of(kind=k, obj=obj, language=language)
    return render(
        request,
        "translations/edit.html",
        {
            "kind": k,
            "key": key,
            "obj": obj,
            "fields": fields,
            "language": language,
            "language_name": _language_name(language),
            "next": request.GET.get("next", ""),
        },
    )
