"""One policy, really one: no module but the policy tests roles, and no template compares role strings.

A source scan (like a linter rule): it names the file and line of every copy of a role rule found outside
``accounts/policy.py``, so a new copy fails the suite instead of quietly skipping the second factor.
"""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2]

# Modules allowed to read roles or the second factor directly, and why.
ALLOWED_PY = {
    "accounts/policy.py",  # the policy itself
    "accounts/models.py",  # the account manager sets is_superuser/is_staff when creating a superuser
    "accounts/demo.py",  # demo accounts are created with their flags
    "accounts/middleware.py",  # request plumbing: a token session counts as two-factor
}

PY_RULES = {
    "compares a role (ask accounts.policy)": re.compile(r"\.role\s*(==|!=|\bnot\s+in\b|\bin\b)"),
    "tests is_superuser/is_staff (ask accounts.policy)": re.compile(r"\bis_(superuser|staff)\b(?!\s*=)"),
    "tests role membership (ask accounts.policy)": re.compile(r"\bRole\.[A-Z_]+\s+(not\s+)?in\b"),
    "intersects roles (ask accounts.policy)": re.compile(r"effective_roles\([^)]*\)\s*&"),
    "reads the second factor (ask accounts.policy)": re.compile(r"\.is_verified\(\)|_staff_verified\("),
}
HTML_RULES = {
    "compares a role in a template (use {% load policy %})": re.compile(r"\brole\s*(==|!=|\bin\b)"),
    "tests is_superuser/is_staff in a template (use {% load policy %})": re.compile(
        r"\bis_(superuser|staff)\b"
    ),
    "compares a role name in a template (use {% load policy %})": re.compile(
        r"""==\s*["'](secretariat|partner|officer|trainer|enforcement)["']"""
    ),
}


def _sources(suffix: str) -> list[Path]:
    return [
        p
        for p in sorted(PACKAGE.rglob(f"*{suffix}"))
        if "tests" not in p.relative_to(PACKAGE).parts
        and "migrations" not in p.parts
        and p.name != "conftest.py"
    ]


def _findings(paths: list[Path], rules: dict[str, re.Pattern[str]], allowed: set[str]) -> list[str]:
    found = []
    for path in paths:
        rel = path.relative_to(PACKAGE).as_posix()
        if rel in allowed:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for why, pattern in rules.items():
                if pattern.search(line):
                    found.append(f"greencustoms/{rel}:{number}: {why}: {line.strip()}")
    return found


def test_no_module_but_the_policy_decides_by_role_or_second_factor() -> None:
    findings = _findings(_sources(".py"), PY_RULES, ALLOWED_PY)
    assert not findings, "\n".join(findings)


def test_no_template_compares_roles() -> None:
    findings = _findings(_sources(".html"), HTML_RULES, set())
    assert not findings, "\n".join(findings)


def test_the_scan_finds_a_copy_when_there_is_one(tmp_path: Path) -> None:
    """The scan can fail: each rule catches the copy it is written for."""
    source = tmp_path / "views.py"
    source.write_text(
        "if user.role == Role.SECRETARIAT: pass\n"
        "if by.is_superuser: pass\n"
        "if Role.PARTNER in effective_roles(user): pass\n"
        "ok = bool(effective_roles(user) & {Role.PARTNER})\n"
        "if user.is_verified(): pass\n"
        "User.objects.create(is_superuser=True)\n",
        encoding="utf-8",
    )
    template = tmp_path / "page.html"
    template.write_text(
        '{% if user.role == "officer" %}{% endif %}{% if user.is_superuser %}{% endif %}\n'
        '{% if r == "secretariat" %}{% endif %}\n',
        encoding="utf-8",
    )
    py = _scan(source, PY_RULES)
    html = _scan(template, HTML_RULES)
    assert [f.split(":")[1] for f in py] == ["1", "2", "3", "4", "5"]
    assert [f.split(":")[1] for f in html] == ["1", "1", "1", "2"]


def _scan(path: Path, rules: dict[str, re.Pattern[str]]) -> list[str]:
    return [
        f"{path.name}:{number}: {why}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for why, pattern in rules.items()
        if pattern.search(line)
    ]
