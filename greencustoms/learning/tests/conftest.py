"""Fixtures of the learning tests: a small module built from plain data, its files, learners."""

from datetime import UTC, datetime
from typing import Any

import pytest

from greencustoms.learning.content import version_load
from greencustoms.learning.models import Module

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>'
FILES = {"a.svg": SVG, "b.svg": SVG, "sheet.txt": b"a fact sheet"}


def module_data(
    *,
    slug: str = "ozone",
    owner: str = "WCO",
    number: int = 1,
    pool_size: int = 4,
    test_size: int = 4,
    title: str = "Ozone basics",
) -> dict[str, Any]:
    pool = [
        {"kind": "single", "prompt": f"Pool question {i}", "explanation": f"Because {i}.",
         "choices": [{"text": "right", "correct": True, "feedback": "Yes."}, {"text": "wrong", "feedback": "No, that is wrong."}]}
        for i in range(1, pool_size + 1)
    ]  # fmt: skip
    return {
        "slug": slug, "title": title, "summary": "A test module.", "owner": owner, "agreement": "montreal",
        "version": {"number": number, "pass_mark": 75, "max_attempts": 2, "test_size": test_size},
        "images": [{"key": "a", "file": "a.svg", "alt": "A black square"}, {"key": "b", "file": "b.svg", "alt": "Another square"}],
        "lessons": [
            {"title": f"Lesson one v{number}", "body": "Some **bold** text <script>alert(1)</script>", "images": ["a"],
             "resources": [{"title": "Fact sheet", "file": "sheet.txt"}],
             "exercises": [{"kind": "true_false", "prompt": "Is it true?", "explanation": "It is.",
                            "choices": [{"text": "True", "correct": True}, {"text": "False"}]}]},
            {"title": "Lesson two", "body": "More text.",
             "exercises": [{"kind": "matching", "prompt": "Match", "choices": [{"text": "2903.71", "match": "Montreal Protocol"}, {"text": "0507.10", "match": "CITES"}]},
                           {"kind": "image", "prompt": "Which one?", "choices": [{"text": "A", "correct": True, "image": "a"}, {"text": "B", "image": "b"}]}]},
        ],
        "pool": pool,
    }  # fmt: skip


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def module(partners: Any) -> Module:
    version_load(module_data(), FILES, at=T0)
    return Module.objects.select_related("current_version").get(slug="ozone")
