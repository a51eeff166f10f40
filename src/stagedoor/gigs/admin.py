from django.contrib import admin

from .models import Position, PositionSkill, Show, StudioProject, Tour


class PositionSkillInline(admin.TabularInline):
    model = PositionSkill
    extra = 0


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    fields = ["role", "headcount", "call_start", "call_end", "pay_amount", "pay_unit", "currency"]


@admin.register(Show)
class ShowAdmin(admin.ModelAdmin):
    list_display = ["artist", "venue", "date", "status", "organisation"]
    list_filter = ["status", "organisation"]
    search_fields = ["artist", "title"]
    date_hierarchy = "date"
    inlines = [PositionInline]


@admin.register(Tour)
class TourAdmin(admin.ModelAdmin):
    list_display = ["name", "artist", "organisation", "status"]


@admin.register(StudioProject)
class StudioProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "deadline", "remote_allowed", "status"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "show", "project", "call_start", "pay_amount", "currency"]
    list_filter = ["role"]
    inlines = [PositionSkillInline]
    filter_horizontal = ["required_certifications"]


admin.site.register(PositionSkill)
