from django.contrib.sitemaps.views import index, sitemap
from django.urls import path

from . import views
from .feeds import PostingSitemap

app_name = "boards"
SITEMAPS = {"calls": PostingSitemap}
urlpatterns = [
    path("jobs/", views.jobs, name="jobs"),
    path("jobs/<int:pk>/", views.posting, name="posting"),
    path("jobs/<int:pk>/interest/", views.interest, name="interest"),
    path("jobs/saved/", views.saved, name="saved"),
    path("jobs/imported/<int:pk>/save/", views.save, name="save"),
    path("jobs.json", views.jobs_json, name="jobs-json"),
    path("jobs.atom", views.jobs_atom, name="jobs-atom"),
    path(
        "sitemap-jobs.xml",
        index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "boards:sitemap-jobs-section"},
        name="sitemap-jobs",
    ),
    path(
        "sitemap-jobs-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="sitemap-jobs-section",
    ),
    path("orgs/<slug:slug>/careers/", views.careers, name="careers"),
    path("boards/import/", views.import_page, name="import"),
    path("boards/imports/<int:pk>/", views.import_run, name="import-run"),
    path("boards/suggest-role/", views.suggest_role, name="suggest-role"),
    path("me/gigs/", views.my_gigs, name="gigs"),
]
