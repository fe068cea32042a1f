"""Pages of the external e-learning figures: import (secretariat), template download, partner by partner."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from greencustoms.accounts import policy
from greencustoms.learning import external, selectors, statistics
from greencustoms.learning.external_forms import TableUploadForm, XapiUploadForm


def _importer(request: HttpRequest) -> None:
    if not policy.can_import_external_statistics(request.user):
        raise PermissionDenied


def template(request: HttpRequest, fmt: str) -> HttpResponse:
    """The empty template (one demo line) to fill in: CSV or XLSX."""
    _importer(request)
    if fmt not in ("csv", "xlsx"):
        raise Http404
    if fmt == "xlsx":
        content, kind = (
            external.template_xlsx(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        content, kind = external.template_csv(), "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="external-learning-figures.{fmt}"'
    return response


@require_http_methods(["GET", "POST"])
def import_figures(request: HttpRequest) -> HttpResponse:
    """The secretariat imports figures reported by another platform: a filled-in template or an xAPI export."""
    _importer(request)
    kind = request.POST.get("kind")
    table_form = TableUploadForm(
        request.POST if kind == "table" else None, request.FILES if kind == "table" else None
    )
    xapi_form = XapiUploadForm(
        request.POST if kind == "xapi" else None, request.FILES if kind == "xapi" else None
    )
    errors: list[str] = []
    if request.method == "POST":
        now = timezone.now()
        try:
            if kind == "table" and table_form.is_valid():
                upload = table_form.cleaned_data["table"]
                saved = external.import_table(
                    data=upload.read(), filename=upload.name, by=request.user, at=now
                )
            elif kind == "xapi" and xapi_form.is_valid():
                d = xapi_form.cleaned_data
                saved = external.import_xapi(
                    data=d["statements"].read(), partner=d["partner"], platform=d["platform"],
                    source=d["source"], reported_on=d["reported_on"], start=d["period_start"],
                    end=d["period_end"], by=request.user, at=now,
                )  # fmt: skip
            else:
                saved = None
        except external.ImportFailed as exc:
            errors = exc.errors
        else:
            if saved is not None:
                messages.success(
                    request,
                    ngettext(
                        "Imported %(n)d external figure.", "Imported %(n)d external figures.", len(saved)
                    )
                    % {"n": len(saved)},
                )
                return redirect("learning:stats_partners")
    status = 400 if request.method == "POST" else 200  # a successful import redirected
    return render(
        request,
        "learning/external_import.html",
        {"table_form": table_form, "xapi_form": xapi_form, "errors": errors},
        status=status,
    )


def partners(request: HttpRequest) -> HttpResponse:
    """Partner by partner: this platform's figures for the partner's modules and those other platforms report."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    scope = selectors.stats_scope(request.user)
    if scope is None:
        raise PermissionDenied
    own = statistics.rows(scope, at=timezone.now(), by="module")
    return render(
        request,
        "learning/external_partners.html",
        {
            "entries": external.by_partner(request.user, own_rows=own, modules=scope),
            "can_import": policy.can_import_external_statistics(request.user),
        },
    )
