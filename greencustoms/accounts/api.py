"""API of the accounts domain: who am I."""

from datetime import datetime

from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from greencustoms.accounts import selectors, services
from greencustoms.accounts.models import ApiToken
from greencustoms.accounts.policy import effective_roles, is_two_factor_verified, visible_levels
from greencustoms.api.auth import require_user
from greencustoms.api.schemas import StrictSchema

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
        two_factor=is_two_factor_verified(user),
    )


class TokenIn(StrictSchema):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(Schema):
    prefix: str
    name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked: bool


class NewTokenOut(TokenOut):
    token: str


def _token_out(token: ApiToken) -> dict:
    return {
        "prefix": token.prefix,
        "name": token.name,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "revoked": token.revoked_at is not None,
    }


@router.get("/me/tokens", response=list[TokenOut], summary="Your API tokens (never their secrets)")
def my_tokens(request):  # type: ignore[no-untyped-def]
    user = require_user(request)
    return [_token_out(t) for t in selectors.user_tokens(user)]


@router.post(
    "/me/tokens", response={201: NewTokenOut}, summary="Create an API token; the secret is returned once"
)
def create_token(request, payload: TokenIn):  # type: ignore[no-untyped-def]
    user = require_user(request)
    token, secret = services.api_token_create(user=user, name=payload.name, at=timezone.now())
    return Status(201, {**_token_out(token), "token": secret})


@router.delete("/me/tokens/{prefix}", response={204: None}, summary="Revoke one of your API tokens")
def revoke_token(request, prefix: str):  # type: ignore[no-untyped-def]
    user = require_user(request)
    token = selectors.user_tokens(user).filter(prefix=prefix, revoked_at__isnull=True).first()
    if token is None:
        raise HttpError(404, f"prefix: no live token {prefix!r}")
    services.api_token_revoke(token=token, by=user, at=timezone.now())
    return Status(204, None)
