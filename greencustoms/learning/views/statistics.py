"""Staff statistics of the modules in their scope: page, CSV by dimension, xAPI statements."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from greencustoms import spreadsheets
from greencustoms.learning import external, statistics
from greencustoms.learning.views._common import stats_scope_or_403


def _filters(request: HttpRequest) -> dict[str, Any]:
    by = request.GET.get("by", "country")
    return {
        "by": by if by in statistics.DIMENSIONS else "country",
        "module": request.GET.get("module") or None,
        "country": request.GET.get("country") or None,
    }


def stats(request: HttpRequest) -> HttpResponse:
    scope = stats_scope_or_403(request)
    now = timezone.now()
    f = _filters(request)
    per_module = statistics.rows(scope, at=now, by="module", module=f["module"], country=f["country"])
    overall = statistics.total(per_module)
    breakdown = (
        statistics.rows(scope, at=now, by=f["by"], module=f["module"], country=f["country"])
        if f["by"] != "module"
        else []
    )
    series = statistics.trends(scope, at=now)
    languages, by_language = statistics.certificates_by_language(
        scope, module=f["module"], country=f["country"]
    )
    return render(
        request,
        "learning/stats.html",
        {
            "per_module": per_module,
            "overall": overall,
            "breakdown": breakdown[:200],
            "breakdown_more": max(0, len(breakdown) - 200),
            "filters": f,
            "dimensions": [d for d in statistics.DIMENSIONS if d != "module"],
            "modules": scope.order_by("title").values_list("slug", "title"),
            "funnel_svg": statistics.funnel_svg(statistics.funnel_steps(overall)),
            "trend_svg": statistics.trend_svg(series),
            "series": series,
            "languages": languages,
            "by_language": by_language,
            "computed_at": statistics.computed_at(),
            "external": external.for_stats(request.user, module=f["module"]),
        },
    )


def stats_csv(request: HttpRequest) -> HttpResponse:
    scope = stats_scope_or_403(request)
    f = _filters(request)
    by = request.GET.get("by", "module")
    if by == "language":
        return _language_csv(scope, f)
    by = by if by in statistics.DIMENSIONS else "module"
    data = statistics.rows(scope, at=timezone.now(), by=by, module=f["module"], country=f["country"])
    content = spreadsheets.csv_bytes(
        [by, *statistics.FIELDS],
        (
            [r.key, *[getattr(r, x) if getattr(r, x) is not None else "" for x in statistics.FIELDS]]
            for r in data
        ),
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="learning-stats-by-{by}.csv"'
    return response


def _language_csv(scope: Any, f: dict[str, Any]) -> HttpResponse:
    """Completions (certificates) per module and language: one line per module and language, codes and names."""
    languages, data = statistics.certificates_by_language(scope, module=f["module"], country=f["country"])
    content = spreadsheets.csv_bytes(
        ["module", "title", "language", "language_name", "certificates"],
        (
            [r.key, r.label, code, name, n]
            for r in data
            for (code, name), n in zip(languages, r.counts, strict=True)
        ),
    )
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="learning-certificates-by-language.csv"'
    return response


def xapi_export(request: HttpRequest) -> StreamingHttpResponse:
    """Learner events as xAPI statements, one JSON object per line."""
    scope = stats_scope_or_403(request)
    statements = statistics.xapi_statements(scope)
    response = StreamingHttpResponse(
        (json.dumps(s, ensure_ascii=False) + "\n" for s in statements), content_type="application/x-ndjson"
    )
    response["Content-Disposition"] = 'attachment; filename="learning-xapi.jsonl"'
    return response
