"""Words for the codes of a screening result, in the user's language: rules, severities, verdicts, triage
outcomes, agreements, controlled items and the reference data a job was screened with.

The stable codes (``hs_code``, ``montreal``, ``hcfc-22``…) stay in the machine formats (CSV, JSON, Parquet);
pages, the inspection list and its workbook show these words, with a legend.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from greencustoms.agreements.models import Agreement, ControlledItem, DataRelease
from greencustoms.screening.choices import Outcome, Rule, Verdict

SEVERITIES = {
    "high": gettext_lazy("High"),
    "medium": gettext_lazy("Medium"),
    "low": gettext_lazy("Low"),
    "info": gettext_lazy("Information"),
}
SEVERITY_HELP = {
    "high": gettext_lazy("a strong finding: the line is marked for inspection."),
    "medium": gettext_lazy("a finding that calls for documents (licence, permit or notice)."),
    "low": gettext_lazy("a weaker finding: check the documents."),
    "info": gettext_lazy("an obligation not yet in force on the declaration's date, shown for information."),
}
VERDICT_HELP = {
    Verdict.INSPECT: gettext_lazy("at least one high-severity finding: examine the goods."),
    Verdict.CHECK: gettext_lazy("findings that need documents (licence, permit, notice) before release."),
    Verdict.CLEAR: gettext_lazy("no rule matched (or information only)."),
}
RULE_HELP = {
    Rule.HS_CODE: gettext_lazy("the declared HS code is one of a controlled item."),
    Rule.DESCRIPTION: gettext_lazy("the description names a controlled item."),
    Rule.MISDECLARATION: gettext_lazy(
        "the description names a controlled item the declared code does not cover."
    ),
    Rule.COUNTRY: gettext_lazy("trade with a country that is not a Party to the agreement."),
    Rule.INDICATOR: gettext_lazy("a restricted risk indicator of the enforcement officers matched."),
    Rule.EQUIPMENT: gettext_lazy(
        "equipment (air conditioners, refrigerators, extinguishers…) containing a controlled substance."
    ),
    Rule.WASTE: gettext_lazy("used, scrap or end-of-life goods: possibly waste under the Basel Convention."),
}


def rule_label(code: str | None) -> str:
    try:
        return str(Rule(code or "").label)
    except ValueError:
        return code or ""


def severity_label(code: str | None) -> str:
    return str(SEVERITIES.get(code or "", code or ""))


def verdict_label(code: str | None) -> str:
    try:
        return str(Verdict(code or "").label)
    except ValueError:
        return code or ""


def outcome_label(code: str | None) -> str:
    try:
        return str(Outcome(code or "").label)
    except ValueError:
        return code or ""


def legend(*, restricted: bool) -> dict[str, list[tuple[str, str, str]]]:
    """(code, words, meaning) of every verdict, severity and rule, for the legend of the result page (the
    restricted indicators only for those who see them)."""
    return {
        "verdicts": [(v.value, str(v.label), str(VERDICT_HELP[v])) for v in Verdict],
        "severities": [(code, str(label), str(SEVERITY_HELP[code])) for code, label in SEVERITIES.items()],
        "rules": [
            (r.value, str(r.label), str(RULE_HELP[r])) for r in Rule if restricted or r is not Rule.INDICATOR
        ],
    }


def agreement_names() -> dict[str, str]:
    """Agreement slug -> its short name (a proper name: the same in every language)."""
    return {
        slug: short or name
        for slug, short, name in Agreement.objects.values_list("slug", "short_name", "name")
    }


def item_names(
    pairs: Iterable[tuple[str, str]], *, language: str | None = None
) -> dict[tuple[str, str], str]:
    """(agreement slug, item id) -> the item's name in the language (English when no translation)."""
    pairs = {(a, i) for a, i in pairs if a and i}
    if not pairs:
        return {}
    lang = (language or get_language() or "en")[:2]
    field = {"fr": "name_fr", "es": "name_es"}.get(lang)
    rows = ControlledItem.objects.filter(
        agreement__slug__in={a for a, _i in pairs}, item_id__in={i for _a, i in pairs}
    ).values_list("agreement__slug", "item_id", "name", *([field] if field else []))
    out = {}
    for row in rows:
        name = (row[3] if field and len(row) > 3 and row[3] else row[2]) or row[1]
        out[(row[0], row[1])] = name
    return out


def hs_display(code: str | None) -> str:
    """An HS code of digits as people write it: 290371 -> 2903.71, 84186900 -> 8418.69.00 (other text as is)."""
    code = code or ""
    if not code.isdigit() or len(code) <= 4:
        return code
    return ".".join([code[:4], *(code[i : i + 2] for i in range(4, len(code), 2))])


_RELEASE = re.compile(r"^release-(\d+)-")


def reference_date(release: str) -> datetime | None:
    """When the reference data a job was screened with was imported (None: the data shipped with the code)."""
    match = _RELEASE.match(release or "")
    if not match:
        return None
    row = DataRelease.objects.filter(number=int(match.group(1))).values_list("imported_at", flat=True).first()
    return row


def reference_text(release: str) -> str:
    """“Reference data of 2 December 2026”, never the release's machine name."""
    from django.utils.formats import date_format

    at = reference_date(release)
    if at is None:
        return _("Reference data shipped with the application")
    return _("Reference data of %(date)s") % {"date": date_format(at, "DATE_FORMAT")}


def labelled_hit(
    hit: dict[str, Any], agreements: dict[str, str], items: dict[tuple[str, str], str]
) -> dict[str, Any]:
    """A hit with the words beside its codes (rule_label, severity_label, agreement_label, item_label)."""
    agreement = hit.get("agreement") or ""
    item = hit.get("item") or ""
    return {
        **hit,
        "rule_label": rule_label(hit.get("rule")),
        "severity_label": severity_label(hit.get("severity")),
        "agreement_label": agreements.get(agreement, agreement),
        "item_label": items.get((agreement, item)) or hit.get("label") or item,
    }
