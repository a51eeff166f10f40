"""The API docs page works offline: Swagger UI comes from the npm package, not a CDN."""

from __future__ import annotations

import re

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def test_docs_page_references_only_local_static_files(client):
    response = client.get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert urls == [
        "/static/stagedoor/favicon.svg",
        "/static/vendor/swagger-ui/swagger-ui.css",
        "/static/vendor/swagger-ui/swagger-ui-bundle.js",
        "/static/vendor/swagger-ui/swagger-ui-standalone-preset.js",
        "/static/stagedoor/swagger-init.js",
    ]
    assert "//" not in "".join(urls)
    for url in urls:
        assert finders.find(url.removeprefix("/static/")), url
    assert '{"layout": "BaseLayout", "deepLinking": true, "url": "/api/openapi.json"}' in page


def test_every_page_has_the_stagedoor_icon(client):
    page = client.get("/jobs/").content.decode()
    assert '<link rel="icon" href="/static/stagedoor/favicon.svg" type="image/svg+xml">' in page
    assert 'href="data:,"' not in page
