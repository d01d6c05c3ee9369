"""The library: movies, their files, collections, root folders, alternative titles and exclusions.

Metadata from TMDB lives on the Movie row itself (Radarr splits it into MovieMetadata; collection
members that are not in the library are kept on their Collection instead).

Versions: the movie row itself is its primary version (profile, root folder, availability, monitored,
the primary file), so a movie without extra versions is exactly what it was. Extra versions (4K beside
1080p, an Extended cut beside the theatrical one) are MovieVersion rows, each with its own wishes and at
most one file; rows elsewhere name a version with a nullable `version` key where None is the primary.
"""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone

from radarr.idsets import in_ids
from radarr.models import ProviderDefinition, SingletonModel, Tag
from releases.models import QualityProfile


class MovieStatus(models.TextChoices):
    TBA = "tba"
    ANNOUNCED = "announced"
    IN_CINEMAS = "inCinemas"
    RELEASED = "released"
    DELETED = "deleted"  # gone from TMDB: flagged, never removed by us


class MinimumAvailability(models.TextChoices):
    ANNOUNCED = "announced"
    IN_CINEMAS = "inCinemas"
    RELEASED = "released"


class RootFolder(models.Model):
    path = models.CharField(max_length=1000, unique=True)

    class Meta:
        ordering = ["path"]

    def __str__(self) -> str:
        return self.path


class Collection(models.Model):
    """A TMDB collection the library touches; monitoring it adds its missing movies."""

    tmdb_id = models.IntegerField(unique=True)
    title = models.CharField(max_length=500)
    clean_title = models.CharField(max_length=500, blank=True)
    sort_title = models.CharField(max_length=500, blank=True)
    overview = models.TextField(blank=True)
    images = models.JSONField(default=list)  # [{"coverType", "remoteUrl"}]
    # the parts as TMDB lists them: [{"tmdbId", "title", "year", "overview", "images", ...}]
    parts = models.JSONField(default=list)
    monitored = models.BooleanField(default=False)
    quality_profile = models.ForeignKey(QualityProfile, null=True, blank=True, on_delete=models.SET_NULL)
    root_folder_path = models.CharField(max_length=1000, blank=True)
    minimum_availability = models.CharField(
        max_length=20, choices=MinimumAvailability.choices, default=MinimumAvailability.RELEASED
    )
    search_on_add = models.BooleanField(default=False)
    tags = models.ManyToManyField(Tag, blank=True, related_name="collections")
    # ours: VersionTemplate ids whose versions the collection's movies get (movies.versions)
    version_template_ids = models.JSONField(default=list, blank=True)
    added = models.DateTimeField(default=timezone.now)
    last_info_sync = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sort_title"]

    def __str__(self) -> str:
        return self.title


class MovieQuerySet(models.QuerySet["Movie"]):
    def monitored(self) -> "MovieQuerySet":
        return self.filter(monitored=True)

    def missing(self) -> "MovieQuerySet":
        return self.filter(has_file=False)

    def downloaded(self) -> "MovieQuerySet":
        return self.filter(has_file=True)

    # The two rules below are written once in Python (movies.availability, movies.cutoff) and applied
    # to this queryset's rows; the modules import this one, hence the imports inside.

    def available(self, today: date | None = None) -> "MovieQuerySet":
        """Movies out for their minimum availability, Radarr's availability delay included."""
        from movies.availability import available_ids

        return self.filter(pk__in=in_ids(available_ids(self, today)))

    def cutoff_unmet(self) -> "MovieQuerySet":
        """Movies whose primary file has not met its quality profile's cutoff (movies.cutoff)."""
        from movies.cutoff import cutoff_unmet_ids

        return self.filter(pk__in=in_ids(cutoff_unmet_ids(self)))


class Movie(models.Model):
    # identity
    tmdb_id = models.IntegerField(unique=True)
    imdb_id = models.CharField(max_length=20, blank=True, db_index=True)
    title = models.CharField(max_length=500)
    original_title = models.CharField(max_length=500, blank=True)
    original_language_id = models.IntegerField(default=1)  # Radarr's language id
    sort_title = models.CharField(max_length=500, db_index=True)
    clean_title = models.CharField(max_length=500, db_index=True)  # for matching release names
    year = models.IntegerField(default=0)
    secondary_year = models.IntegerField(null=True, blank=True)
    # metadata
    overview = models.TextField(blank=True)
    runtime = models.IntegerField(default=0)  # minutes
    status = models.CharField(max_length=20, choices=MovieStatus.choices, default=MovieStatus.ANNOUNCED)
    in_cinemas = models.DateField(null=True, blank=True)
    digital_release = models.DateField(null=True, blank=True)
    physical_release = models.DateField(null=True, blank=True)
    certification = models.CharField(max_length=20, blank=True)
    genres = models.JSONField(default=list)
    keywords = models.JSONField(default=list)
    studio = models.CharField(max_length=300, blank=True)
    website = models.CharField(max_length=1000, blank=True)
    youtube_trailer_id = models.CharField(max_length=100, blank=True)
    images = models.JSONField(default=list)  # [{"coverType": "poster", "remoteUrl": "..."}], poster first
    ratings = models.JSONField(default=dict)  # {"tmdb": {"votes", "value", "type"}, "imdb": {...}}
    popularity = models.FloatField(default=0)
    collection = models.ForeignKey(
        Collection, null=True, blank=True, on_delete=models.SET_NULL, related_name="movies"
    )
    last_info_sync = models.DateTimeField(null=True, blank=True)
    # the user's choices
    monitored = models.BooleanField(default=True)
    minimum_availability = models.CharField(
        max_length=20, choices=MinimumAvailability.choices, default=MinimumAvailability.RELEASED
    )
    quality_profile = models.ForeignKey(QualityProfile, on_delete=models.PROTECT, related_name="movies")
    root_folder_path = models.CharField(max_length=1000)
    path = models.CharField(max_length=1000, unique=True)
    tags = models.ManyToManyField(Tag, blank=True, related_name="movies")
    added = models.DateTimeField(default=timezone.now, db_index=True)
    add_options = models.JSONField(default=dict, blank=True)
    last_search_time = models.DateTimeField(null=True, blank=True)
    # kept by the one function that adds or removes files, so lists never count files per movie
    has_file = models.BooleanField(default=False, db_index=True)
    size_on_disk = models.BigIntegerField(default=0)
    # when the movie's first file came (kept through upgrades and deletions): a profile's upgrade
    # window counts from it; None for a movie that never had a file
    first_imported = models.DateTimeField(null=True, blank=True)

    objects = MovieQuerySet.as_manager()

    class Meta:
        ordering = ["sort_title"]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class VersionTemplate(models.Model):
    """A named kind of extra version ("4K": profile UHD, root /movies-4k) added to many movies at once.

    With a URL base (e.g. "4k") the whole v3 API is also served under it as a separate Radarr holding
    only this version of every movie, for clients that want a second server (Overseerr's "4K server").
    """

    name = models.CharField(max_length=100, unique=True)
    url_base = models.SlugField(max_length=50, blank=True)  # "" = no virtual instance
    quality_profile = models.ForeignKey(QualityProfile, on_delete=models.PROTECT, related_name="+")
    # "" = the movie's own folder, the file named with the version's suffix
    root_folder_path = models.CharField(max_length=1000, blank=True)
    minimum_availability = models.CharField(
        max_length=20, choices=MinimumAvailability.choices, default=MinimumAvailability.RELEASED
    )
    monitored = models.BooleanField(default=True)
    edition = models.CharField(max_length=200, blank=True)  # "" = any edition
    api_key = models.CharField(max_length=64, blank=True)  # "" = the main API key

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["url_base"], condition=~Q(url_base=""), name="version_template_url_base_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class MovieVersion(models.Model):
    """An extra version of a movie: its own profile, folder, availability, monitoring, edition wish and
    at most one file (MovieFile.version). The primary version is the Movie row itself."""

    movie = models.ForeignKey(Movie, on_delete=models.CASCADE, related_name="versions")
    template = models.ForeignKey(
        VersionTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="versions"
    )
    name = models.CharField(max_length=100)
    quality_profile = models.ForeignKey(
        QualityProfile, on_delete=models.PROTECT, related_name="movie_versions"
    )
    # "" = the movie's own folder (the file named with the version's suffix); else the version's own
    # root folder, and `path` its folder there
    root_folder_path = models.CharField(max_length=1000, blank=True)
    path = models.CharField(max_length=1000, blank=True)
    monitored = models.BooleanField(default=True)
    minimum_availability = models.CharField(
        max_length=20, choices=MinimumAvailability.choices, default=MinimumAvailability.RELEASED
    )
    edition = models.CharField(max_length=200, blank=True)  # "" = any edition
    added = models.DateTimeField(default=timezone.now)
    last_search_time = models.DateTimeField(null=True, blank=True)
    # kept by the functions that add or remove the version's file, as on Movie
    has_file = models.BooleanField(default=False)
    size_on_disk = models.BigIntegerField(default=0)
    first_imported = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["movie_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["movie", "name"], name="movie_version_name_unique"),
            models.UniqueConstraint(
                fields=["movie", "template"],
                condition=Q(template__isnull=False),
                name="movie_version_template_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.movie_id}: {self.name}"


class AlternativeTitle(models.Model):
    class Source(models.TextChoices):
        TMDB = "tmdb"
        MAPPINGS = "mappings"
        USER = "user"
        INDEXER = "indexer"

    movie = models.ForeignKey(Movie, on_delete=models.CASCADE, related_name="alternative_titles")
    title = models.CharField(max_length=500)
    clean_title = models.CharField(max_length=500, db_index=True)
    source_type = models.CharField(max_length=20, choices=Source.choices, default=Source.TMDB)

    def __str__(self) -> str:
        return self.title


class Credit(models.Model):
    """A person's part in a movie from TMDB (cast or crew), replaced at every refresh."""

    class Type(models.TextChoices):
        CAST = "cast"
        CREW = "crew"

    movie = models.ForeignKey(Movie, on_delete=models.CASCADE, related_name="credits")
    credit_tmdb_id = models.CharField(max_length=50)
    person_tmdb_id = models.IntegerField()
    name = models.CharField(max_length=500)
    type = models.CharField(max_length=10, choices=Type.choices)
    order = models.IntegerField(default=0)
    character = models.CharField(max_length=1000, blank=True)
    department = models.CharField(max_length=200, blank=True)
    job = models.CharField(max_length=200, blank=True)
    images = models.JSONField(default=list)

    class Meta:
        ordering = ["movie_id", "type", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.character or self.job})"


class MovieFile(models.Model):
    """A video file of a movie on disk: the primary file (`is_primary`, version None), an extra
    version's one file (`version`), or another file found in the folder (neither)."""

    movie = models.ForeignKey(Movie, on_delete=models.CASCADE, related_name="files")
    # an extra version's file; removing the version keeps the row as an unassigned file of the movie
    version = models.ForeignKey(
        MovieVersion, null=True, blank=True, on_delete=models.SET_NULL, related_name="files"
    )
    relative_path = models.CharField(max_length=1000)  # inside the movie folder
    size = models.BigIntegerField(default=0)
    date_added = models.DateTimeField(default=timezone.now)
    scene_name = models.CharField(max_length=1000, blank=True)
    release_group = models.CharField(max_length=200, blank=True)
    edition = models.CharField(max_length=200, blank=True)
    quality_id = models.IntegerField(default=0)  # Radarr's quality id
    revision = models.JSONField(default=dict)  # {"version": 1, "real": 0, "isRepack": false}
    language_ids = models.JSONField(default=list)
    indexer_flags = models.IntegerField(default=0)
    media_info = models.JSONField(default=dict, blank=True)
    # "size:mtime" of the file as it was when ffprobe could not read it: not probed again until it changes
    unreadable_stamp = models.CharField(max_length=64, blank=True, default="")
    original_file_path = models.CharField(max_length=1000, blank=True)
    is_primary = models.BooleanField(default=True)
    # the custom formats the file matches (movies.fileformats), and a stamp of the formats matched against
    custom_format_ids = models.JSONField(default=list)
    custom_formats_stamp = models.CharField(max_length=16, blank=True, default="")

    class Meta:
        ordering = ["movie_id", "-is_primary", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["movie"], condition=Q(is_primary=True), name="one_primary_file_per_movie"
            ),
            models.UniqueConstraint(
                fields=["version"], condition=Q(version__isnull=False), name="one_file_per_version"
            ),
            models.CheckConstraint(
                condition=Q(version__isnull=True) | Q(is_primary=False), name="version_file_not_primary"
            ),
        ]

    def __str__(self) -> str:
        return self.relative_path


class ImportExclusion(models.Model):
    """Movies never to add again from lists or collections (Radarr's import list exclusions)."""

    tmdb_id = models.IntegerField(unique=True)
    movie_title = models.CharField(max_length=500, blank=True)
    movie_year = models.IntegerField(default=0)

    class Meta:
        ordering = ["-pk"]

    def __str__(self) -> str:
        return f"{self.movie_title} ({self.movie_year})"


class AutoTag(models.Model):
    """An auto tagging rule: a movie meeting its conditions gets its tags (movies.autotagging)."""

    name = models.CharField(max_length=200, unique=True)
    remove_tags_automatically = models.BooleanField(default=False)
    # [{"name", "implementation", "negate", "required", "fields": {"value": ...}}], Radarr's names
    specifications = models.JSONField(default=list)
    tags = models.ManyToManyField(Tag, blank=True, related_name="auto_tags")

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class MovieResourceCache(models.Model):
    """A movie's MovieResource JSON as last built, so GET /api/v3/movie for a whole library is a read.

    Database triggers (movies/cachetriggers.py) give every movie its row and mark it stale whenever
    anything its JSON is built from changes: the movie, its files, alternative titles, tags, its
    collection or its quality profile. Stale means `version` went up and `generation` was cleared;
    rows of another generation (day, URL base) are stale too and are built again on the next read.
    """

    movie = models.OneToOneField(
        Movie, primary_key=True, on_delete=models.CASCADE, related_name="resource_cache"
    )
    # bumped by the triggers at every change: JSON is stored only over the version it was built from
    version = models.BigIntegerField(default=0)
    generation = models.CharField(max_length=200)  # "" while stale
    json = models.BinaryField()

    def __str__(self) -> str:
        return f"cached resource of movie {self.movie_id}"


class MetadataConfig(SingletonModel):
    """Radarr's config/metadata: the country whose certification (age rating) movies take from TMDB."""

    certification_country = models.CharField(max_length=10, default="us")  # Radarr's TMDbCountryCode

    def __str__(self) -> str:
        return "Metadata settings"

    @property
    def tmdb_region(self) -> str:
        """The country as TMDB's release_dates name it (`GB`)."""
        return self.certification_country.upper()


class ImportListQuerySet(models.QuerySet["ImportList"]):
    def for_resource(self) -> "ImportListQuerySet":
        return self.prefetch_related("tags").order_by("pk")


class ImportList(ProviderDefinition):
    """An import list (TMDB list, another Radarr, a custom JSON list...): movies it names are added
    with its options by the list sync (movies.importlistsync)."""

    enabled = models.BooleanField(default=False)
    enable_auto = models.BooleanField(default=False)  # the sync adds its movies (else Discover only)
    monitor = models.CharField(max_length=30, default="movieOnly")  # Radarr's MonitorTypes
    root_folder_path = models.CharField(max_length=1000, blank=True)
    quality_profile_id = models.IntegerField(default=0)
    minimum_availability = models.CharField(
        max_length=20, choices=MinimumAvailability.choices, default=MinimumAvailability.RELEASED
    )
    search_on_add = models.BooleanField(default=False)
    list_order = models.IntegerField(default=0)
    last_sync = models.DateTimeField(null=True, blank=True)  # the last fetch that worked
    tags = models.ManyToManyField(Tag, related_name="import_lists", blank=True)
    # ours: VersionTemplate ids whose versions the list's movies get (movies.versions)
    version_template_ids = models.JSONField(default=list, blank=True)

    objects = ImportListQuerySet.as_manager()

    class Meta(ProviderDefinition.Meta):
        ordering = ["pk"]

    @property
    def is_enabled(self) -> bool:
        return self.enabled


class ImportListItem(models.Model):
    """A movie a list named at its last fetch (Radarr's ImportListMovies): Discover shows those not in
    the library; the clean-library levels compare the library against them."""

    import_list = models.ForeignKey(ImportList, on_delete=models.CASCADE, related_name="items")
    tmdb_id = models.IntegerField(db_index=True)
    imdb_id = models.CharField(max_length=20, blank=True)
    title = models.CharField(max_length=500, blank=True)
    year = models.IntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["import_list", "tmdb_id"], name="import_list_item_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class ListSyncLevel(models.TextChoices):
    """Radarr's CleanLibraryLevel: what a sync does to library movies no list names any more."""

    DISABLED = "disabled"
    LOG_ONLY = "logOnly"
    KEEP_AND_UNMONITOR = "keepAndUnmonitor"
    REMOVE_AND_KEEP = "removeAndKeep"
    REMOVE_AND_DELETE = "removeAndDelete"


class ImportListConfig(SingletonModel):
    """Radarr's config/importlist: the clean-library level and the tag that protects movies from it."""

    list_sync_level = models.CharField(
        max_length=20, choices=ListSyncLevel.choices, default=ListSyncLevel.DISABLED
    )
    list_sync_tag = models.IntegerField(default=0)  # movies with this tag are never cleaned (0: none)

    def __str__(self) -> str:
        return "Import list settings"
