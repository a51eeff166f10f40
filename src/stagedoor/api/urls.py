"""The HTTP API: one router per domain, the same services as the web pages."""

import json

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from stagedoor.core.locking import Busy

from . import (
    accounts,
    boards,
    booking,
    careers,
    crew_templates,
    events,
    gigs,
    hall,
    industry,
    matching,
    mentoring,
    openings,
    ops,
    orgs,
    payrules,
    people,
    profile,
    sheets,
    staffing,
    studio,
    tasks,
    timesheets,
    titles,
    today,
    tokens,
    touring,
    training,
    week,
)
from .errors import document_errors, field_errors
from .throttles import PerAddress, PerToken


class LocalSwagger(Swagger):
    """Swagger UI from the npm package (swagger-ui-dist, served as vendor/swagger-ui), so the
    docs page works offline; django-ninja's own page loads it from a CDN."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api}
        return render(request, "api/swagger.html", context)


class StagedoorAPI(NinjaAPI):
    """The API whose schema documents every error answer, not only each result."""

    def get_openapi_schema(self, **kwargs):
        return document_errors(super().get_openapi_schema(**kwargs))


api = StagedoorAPI(
    title="Stagedoor API",
    version="1",
    description=(
        "Roles, organisations, venues, shows, crew calls and crew profiles. Public reads need "
        "no sign-in; a session or a bearer token (`Authorization: Bearer sd_...`, made on "
        "/account/tokens/, by `POST /api/tokens` or `stagedoor api-token USER`) reads what its "
        "holder may see, and a read-and-write token also writes. Requests are limited per "
        "token and per address (429 with Retry-After)."
    ),
    throttle=[PerAddress(), PerToken()],
    docs_url="/docs",
    docs=LocalSwagger(),
)


@api.exception_handler(ValidationError)
def service_validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": field_errors(exc)}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Permission denied."}, status=403)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc: RequestDataTooBig):
    return api.create_response(request, {"detail": "The request body is too large."}, status=413)


@api.exception_handler(Busy)
def busy(request, exc: Busy):
    return api.create_response(request, {"detail": str(exc)}, status=409)


api.add_router("/", industry.router)
api.add_router("/", orgs.router)
api.add_router("/", gigs.router)
api.add_router("/", crew_templates.router)
api.add_router("/", people.router)
api.add_router("/", profile.router)
api.add_router("/", accounts.router)
api.add_router("/", matching.router)
api.add_router("/", booking.router)
api.add_router("/", sheets.router)
api.add_router("/", timesheets.router)
api.add_router("/", payrules.router)
api.add_router("/", today.router)
api.add_router("/", staffing.router)
api.add_router("/", careers.router)
api.add_router("/", boards.router)
api.add_router("/", titles.router)
api.add_router("/", week.router)
api.add_router("/", studio.router)
api.add_router("/", ops.router)
api.add_router("/", tokens.router)
api.add_router("/", tasks.router)
api.add_router("/", hall.router)
api.add_router("/", touring.router)
api.add_router("/", mentoring.router)
api.add_router("/", training.router)
api.add_router("/", openings.router)
api.add_router("/", events.router)
