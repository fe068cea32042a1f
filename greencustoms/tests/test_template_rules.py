"""Templates never compare a value against a string literal (issue #16 part 5).

A choice value written in a template (``{% if case.status == "draft" %}``) silently goes stale when the choice
changes, and a role string (``user.role == "officer"``) is an access decision outside the policy. Templates ask
a named property of the model or view-model (``case.is_submittable``, ``job.is_failed``) or the policy
(``{% load policy %}``, ``user|policy:"rule"``) instead. Comparing two variables is fine.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]  # greencustoms/

#: The opening of an ``if``/``elif`` tag up to its end.
_IF_TAG = re.compile(r"{%-?\s*(?:el)?if\b(?P<body>.*?)-?%}", re.DOTALL)
#: ``something == "literal"`` or ``"literal" != something`` (single or double quotes).
_LITERAL_COMPARISON = re.compile(
    r"(?P<left>[^\s()]+)\s*(?P<op>==|!=)\s*(?P<q>[\"'])(?P<lit>[^\"']*)(?P=q)"
    r"|(?P<q2>[\"'])(?P<lit2>[^\"']*)(?P=q2)\s*(?:==|!=)\s*(?P<right>[^\s()]+)"
)

#: Comparisons allowed, by file (relative to greencustoms/) and the exact comparison: none of them is a
#: model's choice value or a role. Keep this list short and say why for each entry.
ALLOWED: dict[tuple[str, str], str] = {
    # Django's own form API: ``BoundField.widget_type`` is the widget class name, not a value of ours.
    ("actions/templates/actions/action_list.html", 'field.widget_type == "checkbox"'): "Django widget name",
    (
        "website/templates/includes/form.html",
        "field.widget_type == 'checkboxselectmultiple'",
    ): "Django widget name",
    ("website/templates/includes/form.html", "field.widget_type == 'radioselect'"): "Django widget name",
    # The page links keep every GET parameter but the page number itself.
    ("library/templates/library/index.html", "k != 'page'"): "query-string key",
    # The three notices are one template; the URL pattern passes which one (urls.py ``{"kind": ...}``).
    ("website/templates/website/legal_page.html", 'kind == "legal"'): "URL kwarg naming the notice",
    ("website/templates/website/legal_page.html", 'kind == "privacy"'): "URL kwarg naming the notice",
    ("website/templates/website/legal_page.html", 'kind == "accessibility"'): "URL kwarg naming the notice",
    # The include's rendering mode given by its caller (web page, PDF, offline copy), not stored data.
    ("guide/templates/guide/includes/chapter_content.html", 'mode != "pdf"'): "include parameter",
}


def literal_comparisons(text: str) -> list[tuple[int, str]]:
    """(line, comparison) of every comparison against a string literal inside an ``if``/``elif`` tag."""
    found = []
    for tag in _IF_TAG.finditer(text):
        body = tag.group("body")
        for m in _LITERAL_COMPARISON.finditer(body):
            line = text.count("\n", 0, tag.start("body") + m.start()) + 1
            found.append((line, " ".join(m.group(0).split())))
    return found


def _templates() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("templates/**/*") if p.is_file() and p.suffix in {".html", ".txt", ".xml"}
    )


def test_the_scanner_finds_literal_comparisons_and_leaves_variable_ones() -> None:
    text = (
        '{% load i18n %}<p>{% if case.status == "draft" or case.status == "returned" %}x{% endif %}</p>\n'
        "{% elif user.role != 'officer' %}\n"
        '{% if "done" == job.status %}{% endif %}\n'
        "{% if request.GET.level == value %}{% endif %}{% if job.is_done and not case.is_published %}{% endif %}\n"
        '{{ x|default:"==" }}{% url "a:b" x %}\n'
    )
    assert literal_comparisons(text) == [
        (1, 'case.status == "draft"'),
        (1, 'case.status == "returned"'),
        (2, "user.role != 'officer'"),
        (3, '"done" == job.status'),
    ]


def test_the_scan_covers_the_templates_of_every_app() -> None:
    apps = {p.relative_to(PACKAGE).parts[0] for p in _templates()}
    assert {"cases", "screening", "agreements", "learning", "website", "events"} <= apps


@pytest.mark.parametrize("allowed", sorted(ALLOWED), ids=lambda a: f"{a[0]}:{a[1]}")
def test_every_allowed_comparison_still_exists(allowed: tuple[str, str]) -> None:
    """An allow-list entry whose comparison is gone is removed, so the list never hides a new one."""
    path, comparison = allowed
    assert comparison in {c for _line, c in literal_comparisons((PACKAGE / path).read_text(encoding="utf-8"))}


def test_no_template_compares_a_value_against_a_string_literal() -> None:
    offending = [
        f"greencustoms/{rel}:{line}: {comparison}"
        for path in _templates()
        for rel in [path.relative_to(PACKAGE).as_posix()]
        for line, comparison in literal_comparisons(path.read_text(encoding="utf-8"))
        if (rel, comparison) not in ALLOWED
    ]
    assert not offending, (
        "Compare against a named property of the model or view-model (e.g. is_draft) or ask the policy "
        "(user|policy:'rule'), never a choice value or role string:\n" + "\n".join(offending)
    )
