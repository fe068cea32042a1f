"""The policy's named rules as a table (role × rule, written by hand), and the services that ask them.

Staff rights count only after a two-factor sign-in: each "_without_2fa" row is the same person signed in
with the password only, and gets no staff right at all.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import Context, Template, TemplateSyntaxError
from django.utils import timezone

from greencustoms.accounts import policy, services
from greencustoms.accounts.choices import AccreditationStatus
from greencustoms.accounts.models import EnforcementAccreditation
from greencustoms.conftest import make_user, verified

FIXTURES = {
    "officer": "officer",
    "enforcement": "enforcement_user",
    "trainer": "trainer",
    "partner": "partner_user",
    "partner_without_2fa": "partner_without_2fa",
    "secretariat": "secretariat_user",
    "secretariat_without_2fa": "secretariat_without_2fa",
}

RULES = [
    "is_secretariat",
    "is_partner_staff",
    "is_intranet_member",
    "can_upload_documents",
    "can_moderate",
    "can_import_learning",
    "can_view_statistics",
    "can_manage_actions",
    "can_decide_accreditation",
    "can_request_enforcement",
]
# role → the rules that answer yes; every other rule answers no.
EXPECTED: dict[str, set[str]] = {
    "anonymous": set(),
    "officer": {"can_request_enforcement"},
    "enforcement": {"can_request_enforcement"},
    "trainer": {"can_request_enforcement"},
    "partner": {
        "is_partner_staff",
        "is_intranet_member",
        "can_upload_documents",
        "can_import_learning",
        "can_view_statistics",
    },
    "partner_without_2fa": set(),
    "secretariat": {
        "is_secretariat",
        "is_intranet_member",
        "can_upload_documents",
        "can_moderate",
        "can_import_learning",
        "can_view_statistics",
        "can_manage_actions",
        "can_decide_accreditation",
    },
    "secretariat_without_2fa": set(),
}


def _user(request: pytest.FixtureRequest, role: str) -> Any:
    if role == "anonymous":
        return AnonymousUser()
    user = request.getfixturevalue(FIXTURES[role])
    # ``verified`` marks the session two-factor when the account has a device; the "_without_2fa" have none.
    return verified(user)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(EXPECTED))
def test_named_rule_table(request: pytest.FixtureRequest, partners: Any, role: str) -> None:
    user = _user(request, role)
    answers = {rule: getattr(policy, rule)(user) for rule in RULES}
    assert answers == {rule: rule in EXPECTED[role] for rule in RULES}


@pytest.mark.django_db
def test_partner_staff_of_their_own_organization_only(partners: Any, partner_user: Any) -> None:
    user = verified(partner_user)
    assert policy.staff_partner_id(user) == partners["WCO"].pk
    assert policy.staff_partner(user) == partners["WCO"]
    assert policy.is_partner_staff(user, partners["WCO"])
    assert policy.is_partner_staff(user, partners["WCO"].pk)
    assert not policy.is_partner_staff(user, partners["UNEP"])
    assert policy.can_upload_for(user, partners["WCO"])
    assert not policy.can_upload_for(user, partners["UNEP"])
    assert policy.statistics_partner_id(user) == partners["WCO"].pk


@pytest.mark.django_db
def test_partner_staff_without_second_factor_are_no_staff_of_any_organization(
    partners: Any, partner_without_2fa: Any
) -> None:
    assert policy.staff_partner_id(partner_without_2fa) is None
    assert policy.staff_partner(partner_without_2fa) is None
    assert not policy.is_partner_staff(partner_without_2fa, partners["WCO"])
    assert not policy.can_upload_for(partner_without_2fa, partners["WCO"])


@pytest.mark.django_db
def test_the_secretariat_uploads_for_any_partner_and_reads_every_statistic(
    partners: Any, secretariat_user: Any
) -> None:
    user = verified(secretariat_user)
    assert policy.can_upload_for(user, partners["UNEP"])
    assert policy.statistics_partner_id(user) is None
    assert policy.staff_partner_id(user) is None  # the secretariat is no partner's staff


@pytest.mark.django_db
def test_staff_must_sign_in_with_two_factors_officers_may(
    officer: Any, partner_without_2fa: Any, secretariat_without_2fa: Any
) -> None:
    assert policy.requires_two_factor(partner_without_2fa)
    assert policy.requires_two_factor(secretariat_without_2fa)
    assert not policy.requires_two_factor(officer)
    assert not policy.requires_two_factor(AnonymousUser())


# --- the copies that skipped the second factor: regression tests -------------------------------------


def _request(user: Any) -> EnforcementAccreditation:
    return EnforcementAccreditation.objects.create(
        user=user, administration="KRA", justification="profiling", requested_at=timezone.now()
    )


@pytest.mark.django_db
def test_secretariat_signed_in_with_password_only_cannot_decide_an_accreditation(
    officer: Any, secretariat_user: Any
) -> None:
    """accounts/services.py compared ``by.role`` and skipped the second factor."""
    accreditation = _request(officer)
    with pytest.raises(PermissionError):
        services.accreditation_decide(
            accreditation=accreditation, approve=True, by=secretariat_user, at=timezone.now()
        )
    accreditation.refresh_from_db()
    assert accreditation.status == AccreditationStatus.REQUESTED


@pytest.mark.django_db
def test_superuser_signed_in_with_password_only_cannot_decide_an_accreditation(
    officer: Any, secretariat_without_2fa: Any
) -> None:
    """``is_superuser`` alone was enough in accounts/services.py."""
    accreditation = _request(officer)
    with pytest.raises(PermissionError):
        services.accreditation_decide(
            accreditation=accreditation, approve=True, by=secretariat_without_2fa, at=timezone.now()
        )


@pytest.mark.django_db
def test_secretariat_with_two_factors_decides_an_accreditation(officer: Any, secretariat_user: Any) -> None:
    at = timezone.now()
    accreditation = services.accreditation_decide(
        accreditation=_request(officer), approve=True, by=verified(secretariat_user), at=at
    )
    assert accreditation.status == AccreditationStatus.APPROVED
    assert accreditation.expires_at is not None and accreditation.expires_at > at + timedelta(days=1)


@pytest.mark.django_db
def test_secretariat_signed_in_with_password_only_cannot_revoke_someone_elses_token(
    officer: Any, secretariat_user: Any
) -> None:
    """accounts/services.py let any account with the secretariat role revoke any token."""
    token, _secret = services.api_token_create(user=officer, name="ci", two_factor=False, at=timezone.now())
    with pytest.raises(PermissionError):
        services.api_token_revoke(token=token, by=secretariat_user, at=timezone.now())
    token.refresh_from_db()
    assert token.revoked_at is None
    services.api_token_revoke(token=token, by=verified(secretariat_user), at=timezone.now())
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_owners_revoke_their_own_token_others_do_not(officer: Any, trainer: Any) -> None:
    token, _secret = services.api_token_create(user=officer, name="ci", two_factor=False, at=timezone.now())
    with pytest.raises(PermissionError):
        services.api_token_revoke(token=token, by=trainer, at=timezone.now())
    services.api_token_revoke(token=token, by=officer, at=timezone.now())
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.django_db
def test_staff_accounts_cannot_request_enforcement_status(partners: Any, partner_user: Any) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.accreditation_request(
            user=partner_user, administration="WCO", justification="x", at=timezone.now()
        )


# --- templates ask the policy ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_policy_filter_answers_the_named_rule(officer: Any, partner_user: Any, secretariat_user: Any) -> None:
    template = Template('{% load policy %}{% if user|policy:"is_secretariat" %}S{% else %}-{% endif %}')
    assert template.render(Context({"user": verified(secretariat_user)})) == "S"
    assert template.render(Context({"user": secretariat_user})) == "-"  # password only
    assert template.render(Context({"user": verified(partner_user)})) == "-"
    assert template.render(Context({"user": AnonymousUser()})) == "-"


@pytest.mark.django_db
def test_policy_filter_refuses_an_unknown_rule(officer: Any) -> None:
    template = Template('{% load policy %}{% if user|policy:"is_admin" %}x{% endif %}')
    with pytest.raises(TemplateSyntaxError, match="is_admin"):
        template.render(Context({"user": officer}))


@pytest.mark.django_db
def test_profile_offers_the_enforcement_request_to_officers_only(
    client_for: Any, partners: Any, partner_user: Any
) -> None:
    officer = make_user("profile-officer@test.example")
    officer_page = client_for(officer).get("/account/profile/")
    partner_page = client_for(partner_user).get("/account/profile/")
    assert officer_page.status_code == 200 and partner_page.status_code == 200
    assert b'href="/account/enforcement/request/"' in officer_page.content
    assert b'href="/account/enforcement/request/"' not in partner_page.content
