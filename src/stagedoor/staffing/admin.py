from django.contrib import admin

from .models import ProposedAssignment, StaffingRun


class ProposedAssignmentInline(admin.TabularInline):
    model = ProposedAssignment
    raw_id_fields = ["position", "worker", "offer", "hold"]
    extra = 0


@admin.register(StaffingRun)
class StaffingRunAdmin(admin.ModelAdmin):
    """Runs are made by the auto-staff pages, API and command; the admin only looks."""

    list_display = ["pk", "organisation", "status", "objective", "filled", "seats", "created_at"]
    list_filter = ["status", "objective"]
    raw_id_fields = ["show", "tour", "project", "task", "created_by"]
    inlines = [ProposedAssignmentInline]
