"""Your own API tokens: list them, make one (its key is in the answer, once), revoke one."""

from __future__ import annotations

import datetime as dt

from ninja import Path, Router, Schema
from ninja.responses import Status as Reply

from . import services
from .auth import WRITE_AUTH
from .models import ApiToken
from .selectors import tokens_of

router = Router(tags=["tokens"])


class TokenIn(Schema):
    name: str
    scope: ApiToken.Scope = ApiToken.Scope.READ
    days: int | None = None


class TokenOut(Schema):
    id: int
    name: str
    scope: ApiToken.Scope
    created_at: dt.datetime
    expires_at: dt.datetime
    last_used_at: dt.datetime | None
    expired: bool


class NewTokenOut(TokenOut):
    key: str


@router.get("/tokens", response=list[TokenOut], auth=WRITE_AUTH)
def list_tokens(request):
    """Your tokens, newest first, with when each ends and was last used. Keys are never shown
    again after they are made."""
    return list(tokens_of(request.auth))


@router.post("/tokens", response={201: NewTokenOut}, auth=WRITE_AUTH)
def create_token(request, payload: TokenIn):
    """Make a token: `read` (the default) may only read; `write` may also change things.
    `days` is its life (the default and the longest are the site's settings)."""
    token, key = services.token_create(
        actor=request.auth, name=payload.name, scope=payload.scope, days=payload.days
    )
    token.key = key
    return Reply(201, token)


@router.delete("/tokens/{token_id}", response={204: None}, auth=WRITE_AUTH)
def revoke_token(request, token_id: int = Path(..., ge=1, le=2**63 - 1)):
    """Revoke one of your tokens; requests with it are refused from then on."""
    services.token_revoke(actor=request.auth, token_id=token_id)
    return Reply(204, None)
