from django.contrib import admin

from .models import ExternalPosting, ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["pk", "source", "format", "status", "new", "updated", "duplicates", "rejected"]
    list_filter = ["status", "format"]
    readonly_fields = ["report"]


@admin.register(ExternalPosting)
class ExternalPostingAdmin(admin.ModelAdmin):
    list_display = ["title", "employer_name", "city", "starts_on", "role", "source"]
    list_filter = ["source", "remote"]
    search_fields = ["title", "employer_name", "city"]
    raw_id_fields = ["role", "import_run"]
