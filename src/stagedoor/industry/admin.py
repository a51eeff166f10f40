from django.contrib import admin

from .models import Certification, Membership, Organisation, Role, Skill, Venue


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "category"]
    list_filter = ["category"]
    search_fields = ["name", "slug"]


@admin.register(Certification)
class CertificationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "issuer", "validity_months"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["prerequisites"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "department", "setting", "level", "onet_code"]
    list_filter = ["department", "setting", "level"]
    search_fields = ["name", "slug"]
    filter_horizontal = ["skills", "certifications", "leads_to"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "turnaround_hours"]
    list_filter = ["kind"]
    search_fields = ["name", "slug"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "country", "timezone", "capacity", "organisation"]
    list_filter = ["country", "timezone"]
    search_fields = ["name", "city"]
    autocomplete_fields = ["organisation", "union_local"]
