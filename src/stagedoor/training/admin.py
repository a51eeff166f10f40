from django.contrib import admin

from .models import Course, Enrolment, Session


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "kind", "certification", "price", "currency"]
    list_filter = ["kind", "certification"]
    search_fields = ["title", "provider__name"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["course", "starts_at", "timezone", "online", "city", "seats"]
    list_filter = ["online"]
    date_hierarchy = "starts_at"


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["worker", "session", "status", "created_at", "claimed_at", "decided_at"]
    list_filter = ["status"]
    raw_id_fields = ["worker", "session", "certification", "decided_by"]
