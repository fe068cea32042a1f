"""API of the accounts domain: who am I."""

from ninja import Router, Schema

from greencustoms.accounts.policy import effective_roles, visible_levels
from greencustoms.api.auth import require_user

router = Router(tags=["accounts"])


class MeOut(Schema):
    email: str
    full_name: str
    role: str
    roles: list[str]
    levels: list[str]
    partner: str | None
    country: str
    administration: str
    languages: list[str]
    two_factor: bool


@router.get("/me", response=MeOut, summary="The calling user, their roles and the access levels they see")
def me(request):  # type: ignore[no-untyped-def]
    user = require_user(request)
    return MeOut(
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        roles=sorted(r.value for r in effective_roles(user)),
        levels=visible_levels(user),
        partner=user.partner.acronym if user.partner_id else None,
        country=user.country,
        administration=user.administration,
        languages=user.languages,
        two_factor=bool(user.is_verified()),
    )
