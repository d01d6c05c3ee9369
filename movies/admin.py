"""Admin views of the library, for looking things up; changes go through the app's functions
(movies.adding, editing, deleting, collectionmonitoring, library)."""

from django.contrib import admin

from movies.models import AlternativeTitle, Collection, ImportExclusion, Movie, MovieFile, RootFolder


class AlternativeTitleInline(admin.TabularInline):
    model = AlternativeTitle
    extra = 0


class MovieFileInline(admin.TabularInline):
    model = MovieFile
    extra = 0
    fields = ["relative_path", "size", "quality_id", "release_group", "edition", "is_primary"]


@admin.register(Movie)
class MovieAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "tmdb_id", "status", "monitored", "has_file", "quality_profile", "added"]
    list_filter = ["monitored", "has_file", "status", "minimum_availability", "quality_profile"]
    search_fields = ["title", "original_title", "tmdb_id", "imdb_id", "path"]
    list_select_related = ["quality_profile"]
    readonly_fields = ["has_file", "size_on_disk", "added", "last_info_sync", "last_search_time"]
    inlines = [MovieFileInline, AlternativeTitleInline]


@admin.register(MovieFile)
class MovieFileAdmin(admin.ModelAdmin):
    list_display = ["relative_path", "movie", "size", "quality_id", "is_primary"]
    search_fields = ["relative_path", "scene_name", "movie__title"]
    list_select_related = ["movie"]


@admin.register(Collection)
class CollectionAdmin(admin.ModelAdmin):
    list_display = ["title", "tmdb_id", "monitored", "quality_profile"]
    list_filter = ["monitored"]
    search_fields = ["title", "tmdb_id"]


@admin.register(RootFolder)
class RootFolderAdmin(admin.ModelAdmin):
    list_display = ["path"]


@admin.register(ImportExclusion)
class ImportExclusionAdmin(admin.ModelAdmin):
    list_display = ["movie_title", "movie_year", "tmdb_id"]
    search_fields = ["movie_title", "tmdb_id"]
