"""The HTTP API: one router per domain, the same services as the web pages."""

import json

from django.core.exceptions import PermissionDenied, ValidationError
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
    gigs,
    industry,
    matching,
    orgs,
    payrules,
    people,
    profile,
    sheets,
    staffing,
    timesheets,
    titles,
    today,
    touring,
    week,
)
from .errors import field_errors


class LocalSwagger(Swagger):
    """Swagger UI from the npm package (swagger-ui-dist, served as vendor/swagger-ui), so the
    docs page works offline; django-ninja's own page loads it from a CDN."""

    def render_page(self, request, api, **kwargs):
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        context = {"swagger_settings": json.dumps(self.settings), "api": api}
        return render(request, "api/swagger.html", context)


api = NinjaAPI(
    title="Stagedoor API",
    version="1",
    description=(
        "Roles, organisations, venues, shows, crew calls and crew profiles. Reads are public; "
        "writes need a session or a bearer token from `stagedoor api-token USER`."
    ),
    docs_url="/docs",
    docs=LocalSwagger(),
)


@api.exception_handler(ValidationError)
def service_validation_error(request, exc: ValidationError):
    return api.create_response(request, {"detail": field_errors(exc)}, status=422)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc: PermissionDenied):
    return api.create_response(request, {"detail": str(exc) or "Permission denied."}, status=403)


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
api.add_router("/", touring.router)
