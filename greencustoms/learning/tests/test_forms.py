"""The import form offers owners by the policy: staff with two factors only."""

from typing import Any

from greencustoms.conftest import verified
from greencustoms.learning.forms import PackageUploadForm


def _owners(user: Any) -> set[str]:
    return {p.acronym for p in PackageUploadForm(user=user).fields["owner"].queryset}


def test_secretariat_with_two_factors_may_choose_any_owner(partners: Any, secretariat_user: Any) -> None:
    assert _owners(verified(secretariat_user)) == set(partners)


def test_secretariat_with_password_only_is_offered_no_owner(partners: Any, secretariat_user: Any) -> None:
    """learning/forms.py asked the roles without the second factor and offered every partner."""
    assert _owners(secretariat_user) == set()


def test_partner_staff_import_for_their_own_organization_only(
    partners: Any, partner_user: Any, partner_without_2fa: Any
) -> None:
    assert _owners(verified(partner_user)) == {"WCO"}
    assert _owners(partner_without_2fa) == set()
