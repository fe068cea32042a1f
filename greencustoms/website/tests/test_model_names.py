"""Model names in the admin read as English plurals (no "Donor approacheds")."""

import re

import pytest
from django.apps import apps
from django.utils.translation import override

# Plurals Django makes by adding "s" that are not English words.
WRONG = re.compile(r"(sss|xs|(?<![aeiou])ys|eds|sents|indexs)$")


@pytest.mark.parametrize("app_label", ["website", "learning"])
def test_plural_names_are_english(app_label: str) -> None:
    with override("en"):
        wrong = [
            f"{m.__name__}: {m._meta.verbose_name_plural}"
            for m in apps.get_app_config(app_label).get_models()
            if WRONG.search(str(m._meta.verbose_name_plural))
        ]
    assert wrong == []


def test_the_rule_catches_the_reported_names() -> None:
    for bad in ("donor approacheds", "partys", "reminder sents", "lesson progresss", "news indexs"):
        assert WRONG.search(bad), bad
    for good in ("partners indexes", "daily activity", "modules", "parties", "donor approaches", "matches"):
        assert not WRONG.search(good), good
