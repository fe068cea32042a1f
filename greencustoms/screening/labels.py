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

from django.utils import translation
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from django.utils.translation import gettext as _

from greencustoms.agreements.choices import ACTION_WORDS, INSTRUMENT_NAMES
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
    """A hit with the words beside its codes (rule_label, severity_label, agreement_label, item_label) and its
    evidence in the user's language (:func:`evidence_words`)."""
    agreement = hit.get("agreement") or ""
    item = hit.get("item") or ""
    return {
        **hit,
        "evidence": evidence_words(hit.get("evidence"), hit.get("rule")),
        "rule_label": rule_label(hit.get("rule")),
        "severity_label": severity_label(hit.get("severity")),
        "agreement_label": agreements.get(agreement, agreement),
        "item_label": items.get((agreement, item)) or hit.get("label") or item,
    }


# -- evidence in the user's language (issue #15, part 6) ------------------------------------------------------
# The engine stays Django-free and writes its evidence in English: that sentence is part of the machine files
# (hits CSV/Parquet, API) and of the audit trail, and it must not change with who ran the job. Pages, the
# inspection list and its workbook show it in the user's language instead: the engine's sentence frames are
# recognised here (one regular expression per frame, kept in step with the engine's wording by
# tests/test_evidence_words.py, which screens a file and asks that every evidence sentence of these rules is
# recognised) and rebuilt from this app's gettext catalogue, with the codes, names and quoted descriptions
# kept as they are. The country statements, the restricted indicators' sentences and the licence hits (engine
# licences.py, added by the licensing hook) are recognised too (issue #18): their instrument names come from
# the agreements' catalogue (INSTRUMENT_NAMES) or, for an agreement's own name, its translation in
# greencustoms.translations; country codes, licence numbers, holders, sources and indicator titles are kept.
# A sentence of an unknown shape is shown as the engine wrote it (English), never dropped. Chosen over gettext
# catalogues inside the engine (babel) so that the engine's output stays one language and one catalogue
# (this app's) holds the words; item names come from the reference data, in English.
_KINDS = {
    "air conditioner or heat pump": gettext_lazy("air conditioner or heat pump"),
    "refrigerating equipment": gettext_lazy("refrigerating equipment"),
    "fire extinguisher": gettext_lazy("fire extinguisher"),
    "aerosol": gettext_lazy("aerosol"),
    "foam": gettext_lazy("foam"),
    "pre-charged equipment": gettext_lazy("pre-charged equipment"),
    "lead-acid batteries": gettext_lazy("lead-acid batteries"),
    "batteries": gettext_lazy("batteries"),
    "electrical and electronic equipment": gettext_lazy("electrical and electronic equipment"),
    "plastics": gettext_lazy("plastics"),
    "oils": gettext_lazy("oils"),
    "ships": gettext_lazy("ships"),
}
_CODE = r"(?P<edition>HS\d{4}) (?P<code>[\d.]+)"
_SAID = r"Declared (?:(?P<code>[\d.]+) '(?P<desc>.*)'|without a code '(?P<nodesc>.*)')"
_FRAMES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        re.compile(rf"^{_CODE} is a code of (?P<name>.+)$", re.S),
        gettext_lazy("%(edition)s %(code)s is a code of %(name)s"),
    ),
    (
        re.compile(rf"^{_CODE} falls under (?P<rule_code>[\d.]+), a code of (?P<name>.+)$", re.S),
        gettext_lazy("%(edition)s %(code)s falls under %(rule_code)s, a code of %(name)s"),
    ),
    (
        re.compile(rf"^{_CODE} covers (?P<rule_code>[\d.]+), a code of (?P<name>.+)$", re.S),
        gettext_lazy("%(edition)s %(code)s covers %(rule_code)s, a code of %(name)s"),
    ),
    (
        re.compile(
            rf"^{_CODE} matches the codes of (?P<n>\d+) (?P<agreement>\S+) items \((?P<names>.*), …\) only in "
            r"part: check the description$",
            re.S,
        ),
        gettext_lazy(
            "%(edition)s %(code)s matches the codes of %(n)s %(agreement)s items (%(names)s, …) only in part: "
            "check the description"
        ),
    ),
    (
        re.compile(
            r'^description names (?P<name>.+?) \("(?P<text>.*)"\) but declared '
            rf"{_CODE} is not one of its codes \((?P<listed>.*)\)$",
            re.S,
        ),
        gettext_lazy(
            'the description names %(name)s ("%(text)s") but the declared %(edition)s %(code)s is not one of '
            "its codes (%(listed)s)"
        ),
    ),
    (
        re.compile(r'^description names (?P<name>.+?): "(?P<text>.*)"$', re.S),
        gettext_lazy('the description names %(name)s: "%(text)s"'),
    ),
    (
        re.compile(rf"^{_SAID}: (?P<kind>[^:]+?) containing (?P<rest>.+)$", re.S),
        gettext_lazy("%(said)s: %(kind)s containing %(rest)s"),
    ),
    (
        re.compile(
            rf"^{_SAID}: (?P<words>.+?) suggest waste \((?P<kind>[^)]+)\) declared as goods under a new-goods "
            r"heading; it most likely falls under the (?P<rest>.+)$",
            re.S,
        ),
        gettext_lazy(
            "%(said)s: %(words)s suggest waste (%(kind)s) declared as goods under a new-goods heading; it "
            "most likely falls under the %(rest)s"
        ),
    ),
)
_SUFFIXES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (re.compile(r" \(ex code: check the description\)$"), gettext_lazy(" (ex code: check the description)")),
    (
        re.compile(r" — not yet in force on (?P<day>[\d-]+): listed from (?P<eif>[\d-]+)(?P<decision>.*)$"),
        gettext_lazy(" — not yet in force on %(day)s: listed from %(eif)s%(decision)s"),
    ),
    (
        re.compile(r" — adopted(?P<decision>.*?), not yet in force on (?P<day>[\d-]+)$"),
        gettext_lazy(" — adopted%(decision)s, not yet in force on %(day)s"),
    ),
)


def _said(values: dict[str, str]) -> str:
    if values.get("code") is not None and values.get("desc") is not None:
        return _("Declared %(code)s '%(desc)s'") % {"code": values["code"], "desc": values["desc"]}
    return _("Declared without a code '%(desc)s'") % {"desc": values.get("nodesc") or ""}


def evidence_words(evidence: str | None, rule: str | None = None) -> str:
    """The engine's evidence sentence in the user's language (see the comment above); unchanged in English
    or when its shape is not one of the engine's known frames. ``rule``: the hit's rule, when known (the
    restricted indicators' sentences are recognised only with ``rule="indicator"``: their frame is the
    author's title and a quoted word, too loose to be guessed from the sentence alone)."""
    text = evidence or ""
    if not text or (get_language() or "en").split("-")[0] == "en":
        return text
    if rule == "indicator":
        return _indicator_words(text)
    tail = ""
    for pattern, template in _SUFFIXES:
        found = pattern.search(text)
        if found:
            tail = str(template) % found.groupdict() + tail
            text = text[: found.start()]
    for special in (_country_words, _licence_words):
        shown = special(text)
        if shown is not None:
            return shown + tail
    for pattern, template in _FRAMES:
        found = pattern.match(text)
        if found is None:
            continue
        values = dict(found.groupdict())
        if "kind" in values:
            values["kind"] = str(_KINDS.get(values["kind"], values["kind"]))
        if "desc" in values:
            values["said"] = _said(values)
        return str(template) % values + tail
    return evidence or ""


# -- country statements (engine _screen.py, rule 4) ---------------------------------------------------------
_ROLES = {
    "origin": pgettext_lazy("country role", "origin"),
    "destination": pgettext_lazy("country role", "destination"),
}
_TAIL = (
    r"(?P<stale> \(a list older than a year: it may have joined since; check the depositary\))?"
    r"(?P<basis>(?: \((?:(?! \(a list older than a year).)*\))?); the line touches (?P<name>.+?)"
    r"(?: — information: the restriction applies from (?P<applies>[\d-]+))?$"
)
_NOT_PARTY = re.compile(
    rf"^(?P<role>origin|destination) (?P<country>\S+) is not a Party to the (?P<title>.+?) as of "
    rf"(?P<as_of>[\d-]+), per (?P<per>.*?){_TAIL}",
    re.S,
)
_NOT_BOUND = re.compile(
    rf"^(?P<role>origin|destination) (?P<country>\S+) is not yet bound by the (?P<title>.+?) on "
    rf"(?P<day>[\d-]+): its (?P<action>.+?) takes effect on (?P<bound_from>[\d-]+), per (?P<per>.*?){_TAIL}",
    re.S,
)


def _instrument(title: str) -> str:
    """An instrument's name as the engine wrote it (English) in the user's language: the agreements'
    catalogue names the treaties and amendments; an agreement's own name or short name is taken from its
    translation (greencustoms.translations); any other name is kept."""
    with translation.override("en"):
        named = {str(name): name for name in INSTRUMENT_NAMES.values()}
    if title in named:
        return str(named[title])
    from greencustoms.translations import registry
    from greencustoms.translations import selectors as translated

    kind = registry.KINDS["agreements.agreement"]
    for slug, short, name in Agreement.objects.values_list("slug", "short_name", "name"):
        for field, value in (("short_name", short), ("name", name)):
            if value and value == title:
                return translated.lookup(
                    kind=kind, key=slug, field=field, english=value, language=get_language() or "en"
                ).text
    return title


def _action(action: str) -> str:
    if action == "instrument":
        return str(pgettext_lazy("deposited instrument", "instrument"))
    return str(ACTION_WORDS.get(action, action))


def _country_words(text: str) -> str | None:
    found = _NOT_PARTY.match(text)
    values: dict[str, Any]
    if found is not None:
        values = dict(found.groupdict())
        head = _(
            "%(role)s %(country)s is not a Party to the instrument “%(title)s” as of %(as_of)s, per %(per)s"
        )
    else:
        found = _NOT_BOUND.match(text)
        if found is None:
            return None
        values = dict(found.groupdict())
        values["action"] = _action(values["action"])
        head = _(
            "%(role)s %(country)s is not yet bound by the instrument “%(title)s” on %(day)s: %(action)s takes "
            "effect on %(bound_from)s, per %(per)s"
        )
    values["role"] = str(_ROLES[values["role"]])
    values["title"] = _instrument(values["title"])
    out = head % values
    if values.get("stale"):
        out += _(" (a list older than a year: the country may have joined since; check with the depositary)")
    out += (values.get("basis") or "") + _("; the line concerns %(name)s") % {"name": values["name"]}
    if values.get("applies"):
        out += _(" — for information: the restriction applies from %(day)s") % {"day": values["applies"]}
    return out


# -- restricted indicators (engine _screen.py, rule 5): the author's title, and the keyword found ------------
_INDICATOR = re.compile(r'^(?P<title>.+): "(?P<word>[^"]*)"$', re.S)


def _indicator_words(text: str) -> str:
    found = _INDICATOR.match(text)
    if found is None:
        return text  # the title alone: the author's words, kept
    return _("%(title)s: the description contains “%(word)s”") % found.groupdict()


# -- licence hits (engine licences.py, through the licensing app's screening hook) ---------------------------
_DIRECTIONS = {
    "import": pgettext_lazy("licence direction", "import"),
    "export": pgettext_lazy("licence direction", "export"),
}
_PARTIES = {
    "importer": pgettext_lazy("licence holder", "importer"),
    "exporter": pgettext_lazy("licence holder", "exporter"),
}
_VALID = re.compile(r"^(?P<number>.+?) valid (?P<start>\d{4}-\d{2}-\d{2})–(?P<end>\d{4}-\d{2}-\d{2})$", re.S)
_LICENCE_FRAMES: tuple[tuple[re.Pattern[str], Any], ...] = (
    (
        re.compile(
            r"^no licensing data for (?P<country>\S+) on this platform: (?P<direction>import|export) licence not "
            r"checked \(information\)$"
        ),
        gettext_lazy(
            "no licensing data for %(country)s on this platform: %(direction)s licence not checked (information)"
        ),
    ),
    (
        re.compile(
            r"^no (?P<direction>import|export) licence of (?P<country>\S+) covers (?P<item>.+) \((?P<held>\d+) "
            r"(?:import|export) licences on record\)$",
            re.S,
        ),
        gettext_lazy(
            "no %(direction)s licence of %(country)s covers %(item)s (%(held)s %(direction)s licences on record)"
        ),
    ),
    (
        re.compile(
            r"^(?P<who>importer|exporter) (?P<party>'.*'|\".*\") holds none of (?P<country>\S+)'s "
            r"(?P<direction>import|export) licences for (?P<item>.+?): (?P<listed>.*)$",
            re.S,
        ),
        gettext_lazy(
            "%(who)s %(party)s holds none of the %(direction)s licences of %(country)s for %(item)s: %(listed)s"
        ),
    ),
    (
        re.compile(r"^dated (?P<day>[\d-]+), outside the validity of (?P<listed>.+)$", re.S),
        gettext_lazy("dated %(day)s, outside the validity of %(listed)s"),
    ),
    (
        re.compile(
            r"^(?P<qty>[\d.-]+) kg declared, more than the (?P<allowed>[\d.-]+) kg of licence (?P<numbers>.+)$",
            re.S,
        ),
        gettext_lazy("%(qty)s kg declared, more than the %(allowed)s kg of licence %(numbers)s"),
    ),
    (
        re.compile(
            r"^(?P<amount>[\d.-]+) (?P<unit>.+?) of group (?P<group>\S+) exceeds what remains of (?P<country>\S+)'s "
            r"(?P<year>\d{4}) (?P<direction>import|export) quota: (?P<remaining>[\d.-]+) of (?P<limit>[\d.-]+) "
            r"(?P<unit2>.+)$",
            re.S,
        ),
        gettext_lazy(
            "%(amount)s %(unit)s of group %(group)s exceeds what remains of the %(year)s %(direction)s quota of "
            "%(country)s: %(remaining)s of %(limit)s %(unit2)s"
        ),
    ),
)


def _validity(listed: str) -> str:
    parts = []
    for part in listed.split("; "):
        found = _VALID.match(part)
        parts.append(_("%(number)s valid %(start)s–%(end)s") % found.groupdict() if found else part)
    return "; ".join(parts)


def _licence_words(text: str) -> str | None:
    for pattern, template in _LICENCE_FRAMES:
        found = pattern.match(text)
        if found is None:
            continue
        values = dict(found.groupdict())
        if "direction" in values:
            values["direction"] = str(_DIRECTIONS[values["direction"]])
        if "who" in values:
            values["who"] = str(_PARTIES[values["who"]])
        if "day" in values:
            values["listed"] = _validity(values["listed"])
        return str(template) % values
    return None
