from django.contrib import admin

from radarr.models import Command, Tag


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ["label"]


@admin.register(Command)
class CommandAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "trigger", "queued", "started", "ended"]
    list_filter = ["status", "trigger", "name"]
    readonly_fields = ["queued", "started", "ended", "exception"]
