from django.contrib import admin

from .models import Booking


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["worker", "position", "status", "late_cancellation", "created_at"]
    list_filter = ["status", "late_cancellation"]
    raw_id_fields = ["worker", "position"]
