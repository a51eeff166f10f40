from django.contrib import admin

from .models import (
    AvailabilityBlock,
    Credit,
    PortfolioLink,
    UnionMembership,
    WorkerCertification,
    WorkerProfile,
    WorkerRole,
    WorkerSkill,
)


class WorkerRoleInline(admin.TabularInline):
    model = WorkerRole
    extra = 0


class WorkerSkillInline(admin.TabularInline):
    model = WorkerSkill
    extra = 0


class WorkerCertificationInline(admin.TabularInline):
    model = WorkerCertification
    extra = 0


class UnionMembershipInline(admin.TabularInline):
    model = UnionMembership
    extra = 0


@admin.register(WorkerProfile)
class WorkerProfileAdmin(admin.ModelAdmin):
    list_display = ["display_name", "home_city", "travel_radius_km", "willing_to_tour", "is_public"]
    list_filter = ["willing_to_tour", "is_public", "country"]
    search_fields = ["display_name", "home_city", "user__username"]
    inlines = [
        WorkerRoleInline,
        WorkerSkillInline,
        WorkerCertificationInline,
        UnionMembershipInline,
    ]


for model in (
    WorkerRole,
    WorkerSkill,
    WorkerCertification,
    UnionMembership,
    AvailabilityBlock,
    PortfolioLink,
    Credit,
):
    admin.site.register(model)
