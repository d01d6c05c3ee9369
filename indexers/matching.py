"""Which library movie a release is for: ids the indexer gave, then clean title and year.

The library is read once per batch (`LibraryIndex.load()`: two queries, movies and alternative titles),
so matching hundreds of releases against ten thousand movies costs no query per release. As Radarr
does, a title matches the movie's title, its original title or any alternative title, once cleaned
(`movies.titles.clean_title`), and the year must be the movie's year or its secondary year; we also
accept one year either side when that leaves a single movie, since indexers and TMDB often disagree
by a year around new year's eve.
"""

from dataclasses import dataclass, field, replace

from django.db.models import Q, QuerySet, Subquery

from indexers.feeds import imdb_id as normal_imdb_id
from movies.models import AlternativeTitle, Movie
from movies.titles import clean_title
from releases.parser import ParsedMovieInfo, parse_movie_title_without_year
from releases.releaseinfo import ReleaseInfo


@dataclass(frozen=True, slots=True)
class TitleEntry:
    movie_id: int
    year: int
    secondary_year: int | None


@dataclass(slots=True)
class LibraryIndex:
    """The library's ids and clean titles, in memory for one batch of releases."""

    by_tmdb: dict[int, int] = field(default_factory=dict)
    by_imdb: dict[str, int] = field(default_factory=dict)
    by_title: dict[str, list[TitleEntry]] = field(default_factory=dict)
    titles_of: dict[int, set[str]] = field(default_factory=dict)  # movie id → its clean titles

    @classmethod
    def load(cls, movies: QuerySet[Movie] | None = None) -> "LibraryIndex":
        """The whole library (or the given movies): two queries, whatever the count."""
        queryset = Movie.objects.all() if movies is None else movies
        index = cls()
        years: dict[int, tuple[int, int | None]] = {}
        rows = queryset.values_list(
            "pk", "tmdb_id", "imdb_id", "clean_title", "title", "original_title", "year", "secondary_year"
        )
        for pk, tmdb_id, imdb, cleaned, title, original_title, year, secondary_year in rows:
            years[pk] = (year, secondary_year)
            index.by_tmdb[tmdb_id] = pk
            if imdb:
                index.by_imdb[imdb.lower()] = pk
            index._add(cleaned or clean_title(title), pk, year, secondary_year)
            if original_title and original_title != title:
                index._add(clean_title(original_title), pk, year, secondary_year)
        alternatives = AlternativeTitle.objects.values_list("movie_id", "clean_title", "title")
        if movies is not None:
            alternatives = alternatives.filter(movie_id__in=list(years))
        for movie_id, cleaned, title in alternatives:
            year, secondary_year = years.get(movie_id, (0, None))
            index._add(cleaned or clean_title(title), movie_id, year, secondary_year)
        return index

    @classmethod
    def for_release(cls, release: ReleaseInfo, parsed: ParsedMovieInfo) -> "LibraryIndex":
        """Only the movies one release could be (a push): found by id or clean title in three queries.

        Original titles are not stored cleaned, so they match here only through alternative titles
        (TMDB lists the original title among them).
        """
        cleaned = {clean_title(title) for title in parsed.movie_titles} - {""}
        tmdb_ids = {value for value in (release.tmdb_id, parsed.tmdb_id) if value}
        imdb_ids = {normal_imdb_id(value or "") for value in (release.imdb_id, parsed.imdb_id)} - {""}
        by_alternative = AlternativeTitle.objects.filter(clean_title__in=cleaned).values("movie_id")
        condition = Q(clean_title__in=cleaned) | Q(pk__in=Subquery(by_alternative))
        condition |= Q(tmdb_id__in=tmdb_ids) | Q(imdb_id__in=imdb_ids)
        return cls.load(Movie.objects.filter(condition))

    def _add(self, cleaned: str, movie_id: int, year: int, secondary_year: int | None) -> None:
        if not cleaned or cleaned in self.titles_of.setdefault(movie_id, set()):
            return
        self.titles_of[movie_id].add(cleaned)
        self.by_title.setdefault(cleaned, []).append(TitleEntry(movie_id, year, secondary_year))

    def match_ids(self, release: ReleaseInfo, parsed: ParsedMovieInfo | None) -> int | None:
        """The movie the indexer's TMDB or IMDb id names (or the ids written in the title)."""
        for tmdb_id in (release.tmdb_id, parsed.tmdb_id if parsed else None):
            if tmdb_id and tmdb_id in self.by_tmdb:
                return self.by_tmdb[tmdb_id]
        for imdb in (release.imdb_id, parsed.imdb_id if parsed else None):
            normal = normal_imdb_id(imdb or "")
            if normal and normal in self.by_imdb:
                return self.by_imdb[normal]
        return None

    def match_title(self, parsed: ParsedMovieInfo) -> int | None:
        """The one movie whose clean title and year fit the parsed release; None when none or several."""
        for title in parsed.movie_titles:
            entries = self.by_title.get(clean_title(title))
            if entries:
                movie_id = _by_year(entries, parsed.year)
                if movie_id is not None:
                    return movie_id
        return None

    def match(self, release: ReleaseInfo, parsed: ParsedMovieInfo | None) -> int | None:
        """Radarr's mapping for RSS and push: ids from the indexer first, then title and year."""
        movie_id = self.match_ids(release, parsed)
        if movie_id is None and parsed is not None:
            movie_id = self.match_title(parsed)
        return movie_id

    def match_without_year(self, release: ReleaseInfo) -> tuple[ParsedMovieInfo, int] | None:
        """A name that names no year, which Radarr cannot parse: its movie when the indexer's ids name
        one, or when its clean title is that of exactly one library movie (never a guess among several).
        The parse then says how the movie was found, for the decision's explanation."""
        parsed = parse_movie_title_without_year(release.title)
        if parsed is None:
            return None
        movie_id = self.match_ids(release, parsed)
        if movie_id is not None:
            note = "Matched without a year by the indexer's TMDB or IMDb id"
        else:
            cleaned = {clean_title(title) for title in parsed.movie_titles} - {""}
            entries = [entry for title in cleaned for entry in self.by_title.get(title, ())]
            movie_ids = {entry.movie_id for entry in entries}
            if len(movie_ids) != 1:
                return None
            movie_id = movie_ids.pop()
            year = next((entry.year for entry in entries if entry.year), None)
            note = (
                f"Matched without a year: “{parsed.primary_movie_title}” is the clean title of one library "
                f"movie only{f' ({year})' if year else ''}"
            )
        return replace(parsed, notes=(*parsed.notes, note)), movie_id

    def match_for_search(
        self, release: ReleaseInfo, parsed: ParsedMovieInfo | None, searched_id: int
    ) -> int | None:
        """A search's results: the searched movie when its titles (or ids) fit, else whatever the library
        says (which the WrongMovie rule then rejects), else None (unknown)."""
        if parsed is not None and self.fits_movie(parsed, searched_id):
            return searched_id
        return self.match(release, parsed)

    def fits_movie(self, parsed: ParsedMovieInfo, movie_id: int) -> bool:
        titles = self.titles_of.get(movie_id, set())
        if not any(clean_title(title) in titles for title in parsed.movie_titles):
            return False
        entry = next(e for e in self.by_title[next(iter(titles))] if e.movie_id == movie_id)
        return parsed.year is None or _year_fits(entry, parsed.year, tolerance=1)


def _year_fits(entry: TitleEntry, year: int, tolerance: int = 0) -> bool:
    if not entry.year and not entry.secondary_year:
        return True  # TMDB does not know the year yet: the title alone decides
    return any(abs(known - year) <= tolerance for known in (entry.year, entry.secondary_year) if known)


def _by_year(entries: list[TitleEntry], year: int | None) -> int | None:
    """Exact year (or secondary year) first, then one year either side; never a guess among several."""
    movie_ids = {entry.movie_id for entry in entries}
    if year is None:
        return next(iter(movie_ids)) if len(movie_ids) == 1 else None
    for tolerance in (0, 1):
        fitting = {entry.movie_id for entry in entries if _year_fits(entry, year, tolerance)}
        if len(fitting) == 1:
            return fitting.pop()
        if fitting:
            return None
    return None
