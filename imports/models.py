"""Models of the imports app: the naming and media-management settings (Radarr's NamingConfig and
MediaManagementConfig, singletons at pk 1 read with Radarr's defaults until first saved) and the extra
files tracked beside movie files. Reading and saving the settings in v3 shapes: imports.mediamanagement.
"""

from __future__ import annotations

import regex
from django.db import models

from imports.naming import DEFAULT_MOVIE_FOLDER_FORMAT, DEFAULT_STANDARD_MOVIE_FORMAT
from radarr.models import ProviderDefinition, SingletonModel, Tag


class NamingConfig(SingletonModel):
    """Radarr's NamingConfig: whether and how movie files and folders are named."""

    rename_movies = models.BooleanField(default=False)
    replace_illegal_characters = models.BooleanField(default=True)
    colon_replacement_format = models.CharField(max_length=20, default="smart")
    standard_movie_format = models.CharField(max_length=1000, default=DEFAULT_STANDARD_MOVIE_FORMAT)
    movie_folder_format = models.CharField(max_length=1000, default=DEFAULT_MOVIE_FOLDER_FORMAT)
    # ours: added to the file name of an extra version that shares the movie's folder
    version_suffix_format = models.CharField(max_length=200, default=" - {Version Name}")

    def __str__(self) -> str:
        return "Movie naming"


class MediaManagementConfig(SingletonModel):
    """Radarr's MediaManagementConfig: folders, importing, file management and permissions."""

    auto_unmonitor_previously_downloaded_movies = models.BooleanField(default=False)
    recycle_bin = models.CharField(max_length=1000, blank=True, default="")
    recycle_bin_cleanup_days = models.IntegerField(default=7)
    download_propers_and_repacks = models.CharField(max_length=20, default="preferAndUpgrade")
    create_empty_movie_folders = models.BooleanField(default=False)
    delete_empty_folders = models.BooleanField(default=False)
    file_date = models.CharField(max_length=20, default="none")
    rescan_after_refresh = models.CharField(max_length=20, default="always")
    auto_rename_folders = models.BooleanField(default=False)
    paths_default_static = models.BooleanField(default=False)
    set_permissions_linux = models.BooleanField(default=False)
    chmod_folder = models.CharField(max_length=10, default="755")
    chown_group = models.CharField(max_length=100, blank=True, default="")
    skip_free_space_check_when_importing = models.BooleanField(default=False)
    minimum_free_space_when_importing = models.IntegerField(default=100)  # MB
    copy_using_hardlinks = models.BooleanField(default=True)
    use_script_import = models.BooleanField(default=False)
    script_import_path = models.CharField(max_length=1000, blank=True, default="")
    import_extra_files = models.BooleanField(default=False)
    extra_file_extensions = models.CharField(max_length=500, default="srt")
    enable_media_info = models.BooleanField(default=True)

    def __str__(self) -> str:
        return "Media management"

    # The names imports.options reads.
    @property
    def skip_free_space_check(self) -> bool:
        return self.skip_free_space_check_when_importing

    @property
    def minimum_free_space_mb(self) -> int:
        return self.minimum_free_space_when_importing

    @property
    def set_permissions(self) -> bool:
        return self.set_permissions_linux

    @property
    def file_chmod(self) -> str:
        """Files get the folder mode without execute bits (755 → 644), as Radarr derives them."""
        try:
            return format(int(self.chmod_folder, 8) & 0o666, "o")
        except ValueError:
            return "644"

    @property
    def rename_movies(self) -> bool:
        return NamingConfig.load().rename_movies

    @property
    def extra_extensions(self) -> list[str]:
        """`srt, .nfo,txt` → ["srt", "nfo", "txt"]."""
        parts = regex.split(r"[,\s]+", self.extra_file_extensions or "")
        return [part.strip().lstrip(".").lower() for part in parts if part.strip().lstrip(".")]


class ExtraFileType(models.TextChoices):
    SUBTITLE = "subtitle"
    METADATA = "metadata"
    OTHER = "other"


class ExtraFile(models.Model):
    """A subtitle or other extra beside a movie file, moved, renamed and deleted with it."""

    movie = models.ForeignKey("movies.Movie", on_delete=models.CASCADE, related_name="extra_files")
    movie_file = models.ForeignKey(
        "movies.MovieFile", null=True, blank=True, on_delete=models.SET_NULL, related_name="extra_files"
    )
    relative_path = models.CharField(max_length=1000)  # inside the movie folder
    extension = models.CharField(max_length=20)  # with the dot: ".srt"
    type = models.CharField(max_length=20, choices=ExtraFileType.choices, default=ExtraFileType.OTHER)
    language = models.CharField(max_length=20, blank=True, default="")  # ISO 639-1 code: "en"
    language_tags = models.JSONField(default=list, blank=True)  # ["forced", "sdh"]
    title = models.CharField(max_length=200, blank=True, default="")
    # the metadata consumer that wrote it (Radarr's implementation name, "XbmcMetadata"); "" otherwise
    consumer = models.CharField(max_length=100, blank=True, default="")
    added = models.DateTimeField(auto_now_add=True)
    last_updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["movie_id", "relative_path"]
        constraints = [
            models.UniqueConstraint(fields=["movie", "relative_path"], name="extra_file_unique_path"),
        ]

    def __str__(self) -> str:
        return self.relative_path


class MetadataQuerySet(models.QuerySet["Metadata"]):
    def for_resource(self) -> MetadataQuerySet:
        return self.prefetch_related("tags").order_by("pk")

    def enabled(self) -> MetadataQuerySet:
        return self.filter(enable=True).prefetch_related("tags").order_by("pk")


class Metadata(ProviderDefinition):
    """A metadata consumer (Kodi, Emby, Roksbox, WDTV...): which files it writes beside each movie."""

    enable = models.BooleanField(default=False)
    tags = models.ManyToManyField(Tag, related_name="metadata_consumers", blank=True)

    objects = MetadataQuerySet.as_manager()

    class Meta(ProviderDefinition.Meta):
        ordering = ["pk"]

    @property
    def is_enabled(self) -> bool:
        return self.enable


class RadarrImport(models.Model):
    """One move-in from another Radarr (imports.fromradarr): what was asked, where it is, its report.

    The source's API key is kept only until the run starts (the job reads it from here, so it is never
    in the command's body, which GET /api/v3/command shows)."""

    url = models.CharField(max_length=1000)
    api_key = models.CharField(max_length=200, blank=True)
    dry_run = models.BooleanField(default=False)
    status = models.CharField(max_length=20, default="queued")  # queued, running, completed, failed
    progress = models.CharField(max_length=500, blank=True)
    report = models.JSONField(default=dict, blank=True)  # ImportReport.as_json()
    created = models.DateTimeField(auto_now_add=True)
    ended = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"Move-in from {self.url} ({self.status})"
