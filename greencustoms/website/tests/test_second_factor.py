"""Page visibility asks the policy: a superuser signed in with the password only is not the secretariat."""

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from greencustoms.conftest import verified
from greencustoms.website.models import HomePage
from greencustoms.website.selectors import visible_pages


@pytest.fixture
def group_restricted_home(db: Any) -> HomePage:
    from greencustoms.website.reference import load

    load(stdout=StringIO())
    home = HomePage.objects.get(locale__language_code="en")
    restriction = PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.create(name="Editors of the home page"))
    return home


def test_superuser_with_password_only_does_not_pass_group_restrictions(
    group_restricted_home: HomePage, secretariat_without_2fa: Any
) -> None:
    """website/selectors.py let ``is_superuser`` through Wagtail's group restrictions without a second factor."""
    assert not visible_pages(secretariat_without_2fa).filter(pk=group_restricted_home.pk).exists()


def test_secretariat_with_two_factors_passes_group_restrictions(
    group_restricted_home: HomePage, secretariat_user: Any, officer: Any
) -> None:
    assert visible_pages(verified(secretariat_user)).filter(pk=group_restricted_home.pk).exists()
    assert not visible_pages(officer).filter(pk=group_restricted_home.pk).exists()
