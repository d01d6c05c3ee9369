"""The movie index's query: filters, search, sort and one page of rows, in a constant number of queries.

The index and `bench/index_bench.py` both call `index_page`. Rows are plain dicts of the few columns
the index shows (never whole Movie rows with their JSON blobs), so a page of 60 costs the same at
100 movies as at 50,000: one query for the rows, one for their files' qualities, one count of the
matches and one aggregate of the whole library for the footer.
"""

from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Case, Count, Exists, F, FloatField, OuterRef, Q, QuerySet, Sum, TextField, When
from django.db.models.fields.json import KT
from django.db.models.functions import Cast
from django.http import QueryDict

from movies.indexconditions import Condition, apply_conditions, read_conditions
from movies.mediacover import cover_url
from movies.models import Movie, MovieFile, MovieStatus, MovieVersion
from movies.titles import clean_title
from radarr.api.params import int_or_none
from releases.models import QualityProfile
from releases.qualities import QUALITIES_BY_ID

PAGE_SIZE = 60  # posters per page; the next page loads when the last row scrolls into view

# Radarr's index filters (its "Filter" menu), by the key kept in the URL
FILTERS: dict[str, str] = {
    "all": "All",
    "monitored": "Monitored only",
    "unmonitored": "Unmonitored",
    "missing": "Missing",
    "downloaded": "Downloaded",
    "cutoffUnmet": "Cutoff unmet",
}

SORTS: dict[str, str] = {
    "title": "Title",
    "year": "Year",
    "added": "Added",
    "inCinemas": "In cinemas",
    "digitalRelease": "Digital release",
    "physicalRelease": "Physical release",
    "sizeOnDisk": "Size on disk",
    "rating": "Rating",
}

VIEWS = ("posters", "table", "overview")

# columns a row carries; `overview` only for the overview view, it is the one long text
_ROW_FIELDS = (
    "id",
    "tmdb_id",
    "title",
    "year",
    "status",
    "monitored",
    "has_file",
    "size_on_disk",
    "in_cinemas",
    "digital_release",
    "physical_release",
    "added",
    "quality_profile_id",
    "runtime",
    "certification",
    "studio",
    "genres",
    "path",
)


@dataclass(frozen=True, slots=True)
class IndexQuery:
    """What the user asked the index for; every field round-trips through the query string."""

    search: str = ""
    filter: str = "all"
    status: str = ""
    quality_profile_id: int | None = None
    tag_id: int | None = None
    genre: str = ""
    year_from: int | None = None
    year_to: int | None = None
    sort: str = "title"
    descending: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE
    view: str = "posters"
    select: bool = False  # the bulk editor's select mode: checkboxes on every movie
    conditions: tuple[Condition, ...] = ()  # the filter builder's rows (movies.indexconditions)

    @classmethod
    def from_params(cls, params: QueryDict, *, default_view: str = "posters") -> "IndexQuery":
        """Read the query string; anything unknown or malformed falls back to the default."""
        view = params.get("view", default_view)
        sort = params.get("sort", "title")
        filter_key = params.get("filter", "all")
        status = params.get("status", "")
        return cls(
            search=params.get("search", "").strip()[:200],
            filter=filter_key if filter_key in FILTERS else "all",
            status=status if status in MovieStatus.values else "",
            quality_profile_id=_int(params.get("profile")),
            tag_id=_int(params.get("tag")),
            genre=params.get("genre", "").strip()[:100],
            year_from=_int(params.get("yearFrom")),
            year_to=_int(params.get("yearTo")),
            sort=sort if sort in SORTS else "title",
            descending=params.get("dir") == "desc",
            page=max(1, _int(params.get("page")) or 1),
            view=view if view in VIEWS else default_view,
            select=params.get("select") == "1",
            conditions=read_conditions(params.getlist("ck"), params.getlist("ct"), params.getlist("cv")),
        )

    def params(self, **changes: Any) -> str:
        """This query as a query string (defaults left out), with `changes` applied: for links."""
        query = replace(self, **changes)
        pairs = {
            "search": query.search,
            "filter": "" if query.filter == "all" else query.filter,
            "status": query.status,
            "profile": query.quality_profile_id or "",
            "tag": query.tag_id or "",
            "genre": query.genre,
            "yearFrom": query.year_from or "",
            "yearTo": query.year_to or "",
            "sort": "" if query.sort == "title" else query.sort,
            "dir": "desc" if query.descending else "",
            "page": query.page if query.page > 1 else "",
            "view": query.view,
            "select": "1" if query.select else "",
        }
        text = QueryDict(mutable=True)
        for key, value in pairs.items():
            if value != "":
                text[key] = str(value)
        for name, attribute in (("ck", "key"), ("ct", "type"), ("cv", "value")):
            if query.conditions:
                text.setlist(name, [getattr(condition, attribute) for condition in query.conditions])
        return text.urlencode()

    @property
    def is_filtered(self) -> bool:
        return bool(
            self.search
            or self.filter != "all"
            or self.status
            or self.quality_profile_id
            or self.tag_id
            or self.genre
            or self.year_from
            or self.year_to
            or self.conditions
        )


@dataclass(frozen=True, slots=True)
class LibraryCounts:
    total: int = 0
    monitored: int = 0
    unmonitored: int = 0
    with_file: int = 0
    missing: int = 0
    size_on_disk: int = 0  # bytes


@dataclass(slots=True)
class IndexPage:
    query: IndexQuery
    rows: list[dict[str, Any]]
    matches: int  # movies matching the filters, across all pages
    counts: LibraryCounts
    profiles: dict[int, str] = field(default_factory=dict)  # id → name, for rows and the filter menu

    @property
    def has_more(self) -> bool:
        return self.query.page * self.query.page_size < self.matches

    @property
    def next_params(self) -> str:
        return self.query.params(page=self.query.page + 1)


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def _search(term: str) -> Q:
    """Title words, the clean title (so `lord rings` finds `The Lord of the Rings`), or an id."""
    condition = Q(title__icontains=term) | Q(original_title__icontains=term)
    cleaned = clean_title(term)
    if cleaned:
        condition |= Q(clean_title__contains=cleaned)
    if (tmdb_id := int_or_none(term, minimum=0)) is not None:
        condition |= Q(tmdb_id=tmdb_id)
    if term.lower().startswith("tt"):
        condition |= Q(imdb_id__iexact=term)
    return condition


def search_library(term: str, limit: int) -> list[Movie]:
    """The header search's matches: as the index searches, titles starting with the words first."""
    starts = Q(sort_title__startswith=term.lower()) | Q(title__istartswith=term)
    return list(
        Movie.objects.filter(_search(term))
        .annotate(starts=Case(When(starts, then=0), default=1))
        .order_by("starts", "sort_title", "pk")
        .only("tmdb_id", "title", "year")[:limit]
    )


def filter_movies(movies: QuerySet[Movie], query: IndexQuery) -> QuerySet[Movie]:
    """Apply the query's filters and search (not the sort or the page)."""
    match query.filter:
        case "monitored":
            movies = movies.filter(monitored=True)
        case "unmonitored":
            movies = movies.filter(monitored=False)
        case "missing":
            movies = movies.missing()
        case "downloaded":
            movies = movies.downloaded()
        case "cutoffUnmet":
            movies = movies.cutoff_unmet()
    if query.status:
        movies = movies.filter(status=query.status)
    if query.quality_profile_id:
        movies = movies.filter(quality_profile_id=query.quality_profile_id)
    if query.tag_id:
        # EXISTS rather than a join, so a movie never appears twice
        tagged = Movie.tags.through.objects.filter(movie_id=OuterRef("pk"), tag_id=query.tag_id)
        movies = movies.filter(Exists(tagged))
    if query.genre:
        # genres is a JSON list; matching the quoted name in its text works on SQLite and PostgreSQL
        movies = movies.alias(genres_text=Cast("genres", output_field=TextField())).filter(
            genres_text__icontains=f'"{query.genre}"'
        )
    if query.year_from:
        movies = movies.filter(year__gte=query.year_from)
    if query.year_to:
        movies = movies.filter(year__lte=query.year_to)
    if query.conditions:
        movies = apply_conditions(movies, query.conditions)
    if query.search:
        movies = movies.filter(_search(query.search))
    return movies


def sort_movies(movies: QuerySet[Movie], query: IndexQuery) -> QuerySet[Movie]:
    """Order by the chosen column, movies without a value last, then by title for a stable order."""
    columns = {
        "title": F("sort_title"),
        "year": F("year"),
        "added": F("added"),
        "inCinemas": F("in_cinemas"),
        "digitalRelease": F("digital_release"),
        "physicalRelease": F("physical_release"),
        "sizeOnDisk": F("size_on_disk"),
        "rating": Cast(KT("ratings__tmdb__value"), output_field=FloatField()),
    }
    column = columns[query.sort]
    first = column.desc(nulls_last=True) if query.descending else column.asc(nulls_last=True)
    return movies.order_by(first, "sort_title", "pk")


JUMP_LETTERS = ("#", *"ABCDEFGHIJKLMNOPQRSTUVWXYZ")


def jump_page(query: IndexQuery, letter: str) -> int:
    """The page of the title-sorted index where titles starting with `letter` begin (Radarr's jump
    bar): the matches sorting before it, counted in one query. "#" (digits and signs) is the first."""
    letter = letter.strip()[:1].lower()
    if not letter.isalpha():
        return 1
    before = filter_movies(Movie.objects.all(), query).filter(sort_title__lt=letter).count()
    return before // query.page_size + 1


def library_counts() -> LibraryCounts:
    """The footer's numbers for the whole library, in one aggregate query."""
    totals = Movie.objects.order_by().aggregate(
        total=Count("pk"),
        monitored=Count("pk", filter=Q(monitored=True)),
        with_file=Count("pk", filter=Q(has_file=True)),
        size=Sum("size_on_disk"),
    )
    total = totals["total"]
    return LibraryCounts(
        total=total,
        monitored=totals["monitored"],
        unmonitored=total - totals["monitored"],
        with_file=totals["with_file"],
        missing=total - totals["with_file"],
        size_on_disk=totals["size"] or 0,
    )


def _primary_qualities(movie_ids: list[int]) -> dict[int, str]:
    """The quality name of each movie's primary file, for the page's rows only."""
    files = MovieFile.objects.filter(movie_id__in=movie_ids, is_primary=True).values_list(
        "movie_id", "quality_id"
    )
    names: dict[int, str] = {}
    for movie_id, quality_id in files:
        quality = QUALITIES_BY_ID.get(quality_id)
        names[movie_id] = quality.name if quality else "Unknown"
    return names


@dataclass(frozen=True, slots=True)
class VersionBadge:
    """An extra version on the index's table: its name, and whether it has its file."""

    name: str
    has_file: bool


def _version_badges(movie_ids: list[int]) -> dict[int, list[VersionBadge]]:
    """The extra versions of the page's movies, in one query (movies with one version get none)."""
    rows = MovieVersion.objects.filter(movie_id__in=movie_ids).order_by("movie_id", "name")
    badges: dict[int, list[VersionBadge]] = {}
    for movie_id, name, has_file in rows.values_list("movie_id", "name", "has_file"):
        badges.setdefault(movie_id, []).append(VersionBadge(name, has_file))
    return badges


def index_page(query: IndexQuery, movies: QuerySet[Movie] | None = None) -> IndexPage:
    """One page of the index for `query`, with the match count and the library's counts."""
    matching = filter_movies(movies if movies is not None else Movie.objects.all(), query)
    start = (query.page - 1) * query.page_size
    fields = (*_ROW_FIELDS, "overview") if query.view == "overview" else _ROW_FIELDS
    rows = list(
        sort_movies(matching, query)
        .annotate(rating=KT("ratings__tmdb__value"))
        .values(*fields, "rating")[start : start + query.page_size]
    )
    qualities = _primary_qualities([row["id"] for row in rows]) if rows else {}
    versions = _version_badges([row["id"] for row in rows]) if rows else {}  # every view shows them
    names = dict(QualityProfile.objects.values_list("pk", "name"))
    for row in rows:
        row["quality"] = qualities.get(row["id"], "")
        row["versions"] = versions.get(row["id"], [])
        row["quality_profile"] = names.get(row["quality_profile_id"], "")
        row["status_label"] = MovieStatus(row["status"]).label
        row["poster"] = cover_url(row["id"], "poster", size=250)
    counts = library_counts()
    matches = matching.count() if query.is_filtered else counts.total
    return IndexPage(query=query, rows=rows, matches=matches, counts=counts, profiles=names)
