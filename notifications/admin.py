"""Admin views of Connect, for looking things up; changes go through Settings → Connect or the API."""

from django.contrib import admin

from notifications.models import HealthNotice, Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["name", "implementation", "escalation_level", "disabled_until", "last_error"]
    readonly_fields = ["settings"]  # secrets live here: edited only where they are masked


@admin.register(HealthNotice)
class HealthNoticeAdmin(admin.ModelAdmin):
    list_display = ["source", "level", "message"]
