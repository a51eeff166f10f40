from django.contrib import admin

from .models import Onboarding, SignUp


@admin.register(SignUp)
class SignUpAdmin(admin.ModelAdmin):
    list_display = ("email", "user", "created_at", "last_sent_at", "confirmed_at")
    list_filter = (("confirmed_at", admin.EmptyFieldListFilter),)
    search_fields = ("email", "user__username")
    readonly_fields = ("user", "email", "created_at", "last_sent_at", "confirmed_at")


@admin.register(Onboarding)
class OnboardingAdmin(admin.ModelAdmin):
    list_display = ("user", "furthest_step", "finished_at", "next_url")
    search_fields = ("user__username", "user__email")
    readonly_fields = ("user", "furthest_step", "finished_at", "next_url")
