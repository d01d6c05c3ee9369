"""Movie metadata as TMDB gives it, independent of the library: what lookups return and refreshes apply.

movies/tmdb.py fills these from TMDB's JSON; apply_metadata copies one onto a Movie row.
"""

from dataclasses import dataclass, field
from datetime import date

from movies.titles import clean_title, sort_title


@dataclass(frozen=True, slots=True)
class CollectionRef:
    tmdb_id: int
    title: str


@dataclass(frozen=True, slots=True)
class CreditInfo:
    """One person's part in a movie, from TMDB's credits: cast (a character) or crew (a job)."""

    credit_tmdb_id: str  # TMDB's credit id, a hex text
    person_tmdb_id: int
    name: str
    type: str  # "cast" or "crew"
    order: int = 0  # billing order for cast, TMDB's listing order for crew
    character: str = ""
    department: str = ""
    job: str = ""
    images: tuple[dict[str, str], ...] = ()  # ({"coverType": "headshot", "remoteUrl": ...},)


@dataclass(frozen=True, slots=True)
class MovieMetadata:
    tmdb_id: int
    title: str
    year: int = 0
    imdb_id: str = ""
    original_title: str = ""
    original_language_id: int = 1  # Radarr's language id (releases.languages)
    overview: str = ""
    runtime: int = 0  # minutes
    status: str = "announced"  # tba, announced, inCinemas, released, deleted (MovieStatus values)
    in_cinemas: date | None = None  # the three dates for the user's region (US by default)
    digital_release: date | None = None
    physical_release: date | None = None
    certification: str = ""
    genres: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    studio: str = ""
    website: str = ""
    youtube_trailer_id: str = ""
    images: tuple[dict[str, str], ...] = ()  # ({"coverType": "poster", "remoteUrl": "https://..."}, ...)
    ratings: dict[str, dict] = field(default_factory=dict)  # {"tmdb": {"votes", "value", "type"}, ...}
    popularity: float = 0.0
    collection: CollectionRef | None = None
    alternative_titles: tuple[str, ...] = ()
    secondary_year: int | None = None
    credits: tuple[CreditInfo, ...] | None = None  # None: not asked (search results); () none known

    @property
    def clean_title(self) -> str:
        return clean_title(self.title)

    @property
    def sort_title(self) -> str:
        return sort_title(self.title)


@dataclass(frozen=True, slots=True)
class CollectionMetadata:
    tmdb_id: int
    title: str
    overview: str = ""
    images: tuple[dict[str, str], ...] = ()
    parts: tuple[MovieMetadata, ...] = ()  # the member movies, in TMDB's order
