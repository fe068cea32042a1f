"""Pages of the licensing domain: systems, a country's records, imports, the iPIC register, mirror analyses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from greencustoms import spreadsheets
from greencustoms.accounts import policy
from greencustoms.licensing import charts, selectors, services
from greencustoms.licensing.engine_adapter import MIRROR_COLUMNS, gap_over_time, top_pairs
from greencustoms.licensing.forms import AnswerForm, ConsultationForm, ImportForm, MirrorForm
from greencustoms.licensing.models import Consultation, LicensingSystem, MirrorAnalysis

#: Largest Comtrade-format file the web form accepts (bigger inputs: `greencustoms trade mirror`, on Spark).
MIRROR_MAX_UPLOAD_BYTES = 50 * 2**20


def system_list(request: HttpRequest) -> HttpResponse:
    return render(request, "licensing/system_list.html", {"systems": selectors.system_list()})


def country_detail(request: HttpRequest, country: str) -> HttpResponse:
    country = country.upper()
    system = LicensingSystem.objects.filter(country=country, access_level="public").first()
    keeps = request.user.is_authenticated and policy.can_keep_country_licensing(request.user, country)
    if system is None and not keeps:
        raise Http404
    context = {
        "country": country,
        "system": system,
        "focal_points": selectors.focal_points_for(request.user, country=country),
        "keeps": keeps,
        "quotas": selectors.quotas_for(request.user, country=country) if keeps else [],
        "licences": selectors.licences_for(request.user, country=country) if keeps else [],
        "import_form": ImportForm() if keeps else None,
    }
    return render(request, "licensing/country_detail.html", context)


@login_required
def template_download(request: HttpRequest, kind: str, fmt: str) -> HttpResponse:
    if kind not in services.TEMPLATE_COLUMNS or fmt not in ("csv", "xlsx"):
        raise Http404
    header, rows = services.template_rows(kind)
    if fmt == "csv":
        response = HttpResponse(spreadsheets.csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            spreadsheets.xlsx_bytes(header, rows, title=kind),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="licensing-{kind}-template.{fmt}"'
    return response


@login_required
@require_POST
def records_import(request: HttpRequest) -> HttpResponse:
    if not policy.can_view_licensing_records(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST, request.FILES)
    back = request.POST.get("country", "").upper()
    if not form.is_valid():
        messages.error(request, _("Choose the records and a file."))
        return redirect("licensing:country_detail", back) if back else redirect("licensing:system_list")
    upload = form.cleaned_data["file"]
    try:
        result = services.licensing_import(
            kind=form.cleaned_data["kind"], file_name=upload.name, content=upload.read(), by=request.user
        )
    except services.ImportRejected as exc:
        return render(
            request, "licensing/import_errors.html", {"errors": exc.errors, "country": back}, status=400
        )
    messages.success(
        request,
        _("%(created)s created, %(updated)s updated; nothing else changed.")
        % {"created": result.created, "updated": result.updated},
    )
    return redirect("licensing:country_detail", back or sorted(result.countries)[0])


# -- iPIC -----------------------------------------------------------------------------------------------------
def _records_user(request: HttpRequest) -> None:
    if not request.user.is_authenticated:
        raise Http404
    if not policy.can_view_licensing_records(request.user):
        raise PermissionDenied


def consultation_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    _records_user(request)
    consultations = selectors.consultations_for(request.user)
    return render(
        request,
        "licensing/consultation_list.html",
        {"consultations": consultations, "today": timezone.localdate()},
    )


def consultation_create(request: HttpRequest) -> HttpResponse:
    _records_user(request)
    countries = policy.licensing_countries(request.user)
    form = ConsultationForm(
        request.POST or None, countries=sorted(countries) if countries is not None else None
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        consultation = services.consultation_ask(
            by=request.user,
            exporting_country=data["exporting_country"],
            importing_country=data["importing_country"],
            substance=data["substance"],
            quantity_kg=data["quantity_kg"],
            importer=data["importer"],
            exporter=data["exporter"],
            shipment_date=data["shipment_date"],
            at=timezone.now(),
        )
        messages.success(
            request, _("Consultation sent; the answer is due on %(due)s.") % {"due": consultation.due_on}
        )
        return redirect("licensing:consultation_detail", consultation.pk)
    return render(request, "licensing/consultation_form.html", {"form": form})


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    if not request.user.is_authenticated or not policy.can_view_consultation(request.user, consultation):
        raise Http404
    policy.audit_view(request, consultation)
    can_answer = policy.can_answer_consultation(request.user, consultation)
    form = AnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            services.consultation_answer(
                consultation=consultation,
                by=request.user,
                status=form.cleaned_data["status"],
                reference=form.cleaned_data["reference"],
                note=form.cleaned_data["note"],
                at=timezone.now(),
            )
            messages.success(request, _("Answer recorded."))
            return redirect("licensing:consultation_detail", consultation.pk)
    return render(request, "licensing/consultation_detail.html", {"c": consultation, "form": form})


# -- mirror analysis ------------------------------------------------------------------------------------------
def mirror_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not policy.can_run_mirror_analysis(request.user):
        raise PermissionDenied
    form = MirrorForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        upload = data["file"]
        if upload.size > MIRROR_MAX_UPLOAD_BYTES:
            form.add_error(
                "file", _("Files over 50 MB: use `greencustoms trade mirror` (on Spark for big inputs).")
            )
        else:
            params = {
                k: data[k]
                for k in (
                    "granularity",
                    "weight_tolerance",
                    "min_gap_kg",
                    "cif_fob_ratio",
                    "timing_periods",
                    "from_year",
                    "to_year",
                )
            }
            analysis = services.mirror_analysis_run(
                by=request.user,
                title=data["title"],
                file_name=upload.name,
                content=upload.read(),
                params=params,
                basis=data["basis"],
                at=timezone.now(),
            )
            return redirect("licensing:mirror_detail", analysis.pk)
    return render(
        request,
        "licensing/mirror_list.html",
        {"form": form, "analyses": selectors.analyses_for(request.user)},
    )


def _analysis(request: HttpRequest, pk: int) -> MirrorAnalysis:
    analysis = get_object_or_404(MirrorAnalysis, pk=pk)
    if not request.user.is_authenticated or not policy.can_view_mirror_analysis(request.user, analysis):
        raise Http404
    return analysis


def mirror_detail(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = _analysis(request, pk)
    policy.audit_view(request, analysis)
    context: dict[str, object] = {"analysis": analysis}
    if analysis.result_path:
        table = selectors.analysis_table(analysis)
        over_time = gap_over_time(table)
        top = top_pairs(table, n=10)
        context.update(
            quotas=selectors.quota_comparison(
                request.user, table, basis=analysis.parameters.get("factor_basis", "min")
            ),
            flagged=table.filter(table["flagged"])
            .sort("gap_kg", descending=True)
            .head(200)
            .iter_rows(named=True),
            over_time=over_time.iter_rows(named=True),
            top=top.iter_rows(named=True),
            gap_chart=charts.gap_over_time_svg(
                over_time["period"].to_list(),
                over_time["gap_kg"].to_list(),
                title=_("Gap over time (kg; above the line: importers report more)"),
            ),
            pairs_chart=charts.top_pairs_svg(
                [f"{e} → {i}" for e, i in zip(top["exporter"], top["importer"], strict=True)],
                top["gap_kg"].to_list(),
                title=_("Largest flagged gaps per pair"),
                unit="kg",
            ),
        )
    return render(request, "licensing/mirror_detail.html", context)


def mirror_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    analysis = _analysis(request, pk)
    if not analysis.result_path or fmt not in ("csv", "parquet"):
        raise Http404
    policy.audit_view(request, analysis, channel="export")
    name = f"mirror-{analysis.pk}.{fmt}"
    if fmt == "parquet":
        response: HttpResponseBase = FileResponse(
            selectors.analysis_result_file(analysis).open("rb"),
            as_attachment=True,
            filename=name,
            content_type="application/vnd.apache.parquet",
        )
    else:
        table = selectors.analysis_table(analysis)
        response = HttpResponse(
            spreadsheets.csv_bytes(list(MIRROR_COLUMNS), table.iter_rows()),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def mirror_delete(request: HttpRequest, pk: int) -> HttpResponse:
    analysis = _analysis(request, pk)
    services.mirror_analysis_delete(analysis=analysis, by=request.user)
    return redirect("licensing:mirror_list")
