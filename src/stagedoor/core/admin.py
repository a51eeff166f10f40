from django.contrib import admin, messages

from . import outbox
from .models import OutboxMessage, TaskRecord


@admin.register(TaskRecord)
class TaskRecordAdmin(admin.ModelAdmin):
    list_display = ["kind", "status", "done", "total", "created_at", "finished_at"]
    list_filter = ["kind", "status"]
    readonly_fields = ["created_at", "finished_at"]


class OutboxStateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("waiting", "Waiting"),
            ("failing", "Waiting after a failure"),
            ("running", "Running"),
            ("delivered", "Delivered"),
            ("failed", "Failed for good"),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "waiting":
            return queryset.filter(done_at=None, started_at=None)
        if value == "failing":
            return queryset.filter(done_at=None, started_at=None).exclude(last_error="")
        if value == "running":
            return queryset.filter(done_at=None).exclude(started_at=None)
        if value == "delivered":
            return queryset.exclude(done_at=None).filter(last_error="")
        if value == "failed":
            return queryset.exclude(done_at=None).exclude(last_error="")
        return queryset


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """The outbox is written by services and the deliverer only: read it, and push it."""

    list_display = ["task", "state", "attempts", "created_at", "next_attempt_at", "last_error"]
    list_filter = [OutboxStateFilter, "task"]
    search_fields = ["key", "task", "last_error"]
    actions = ["deliver_now"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Hand to Celery now")
    def deliver_now(self, request, queryset):
        done = outbox.deliver(queryset.values_list("pk", flat=True), force=True)
        text = f"Handed to Celery: {done.sent}; not handed over: {done.failed}."
        if done.error:
            text += f" {done.error}"
        self.message_user(request, text, messages.WARNING if done.failed else messages.INFO)
