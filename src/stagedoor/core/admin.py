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


# Tables that stay small whatever the size of the pool (the catalog, and Django's own
# groups, permissions and content types): a menu of their rows is the right widget.
MENU_TABLES = frozenset(
    {
        "industry.role",
        "industry.skill",
        "industry.certification",
        "auth.group",
        "auth.permission",
        "contenttypes.contenttype",
    }
)


def keyed_relations(site: admin.AdminSite) -> None:
    """Every relation an admin form edits into a table that grows with the pool (people,
    organisations, venues, shows, calls, offers, bookings...) is typed as a key with a
    lookup (`raw_id_fields`) instead of a menu of every row: at national scale a menu of
    100,000 workers made a single Credit or Booking form several megabytes and seconds
    long. Run once every admin is registered (the site app's ready)."""
    for model_admin in list(site._registry.values()):
        model_admin.raw_id_fields = _keyed(model_admin.model, model_admin.raw_id_fields)
        for inline in model_admin.inlines:
            inline.raw_id_fields = _keyed(inline.model, inline.raw_id_fields)


def _keyed(model, already) -> tuple[str, ...]:
    grow = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete
        and field.editable
        and (field.many_to_one or field.many_to_many or field.one_to_one)
        and field.related_model._meta.label_lower not in MENU_TABLES
    ]
    return tuple(dict.fromkeys([*already, *grow]))
