from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The site's own pages (home, operations): the top of the app order, above every
    domain app, so it may read from all of them."""

    name = "stagedoor.site"
    label = "site"
    verbose_name = "Stagedoor site"

    def ready(self) -> None:
        from django.contrib import admin

        from stagedoor.core.admin import keyed_relations

        keyed_relations(admin.site)
