"""The import form asks the policy who may name an owner: the secretariat with two factors only."""

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from greencustoms.conftest import verified
from greencustoms.learning.forms import PackageUploadForm


def _owners(user: Any) -> set[str] | None:
    """The owners the form offers, or None when it offers no choice (the importer's own organization)."""
    field = PackageUploadForm(user=user).fields.get("owner")
    return None if field is None else {p.acronym for p in field.queryset}


def test_secretariat_with_two_factors_may_choose_any_owner(partners: Any, secretariat_user: Any) -> None:
    assert _owners(verified(secretariat_user)) == set(partners)


def test_secretariat_with_password_only_is_offered_no_owner(partners: Any, secretariat_user: Any) -> None:
    """learning/forms.py asked the roles without the second factor and offered every partner."""
    assert _owners(secretariat_user) is None


def _clean(user: Any) -> PackageUploadForm:
    form = PackageUploadForm(
        data={"kind": "bundle", "owner": ""},
        files={"package": SimpleUploadedFile("m.zip", b"PK")},
        user=user,
    )
    form.is_valid()
    return form


def test_partner_staff_import_for_their_own_organization_only(
    partners: Any, partner_user: Any, partner_without_2fa: Any
) -> None:
    assert _owners(verified(partner_user)) is None  # no choice: their own organization
    form = _clean(verified(partner_user))
    assert form.cleaned_data["owner"].acronym == "WCO"
    # Signed in with a password only, partner staff have no organization to import for.
    refused = _clean(partner_without_2fa)
    assert refused.cleaned_data.get("owner") is None
    assert "belongs to no partner organization" in str(refused.non_field_errors())
