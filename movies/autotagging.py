"""Auto tagging: rules that tag movies by what they are (genre, studio, runtime...), applied when a movie
is added, refreshed or edited, as Radarr's AutoTaggingService does.

A rule matches when every kind of condition it holds matches; conditions of one kind match when any of
them does and none marked required fails (custom formats' rule). A matching rule adds its tags; a rule
that no longer matches takes its tags off again only when it says so (`removeTagsAutomatically`), and
then every one of its tags, as Radarr does, whoever put it there.

The catalogue of condition kinds below is what the v3 schema, validation and the settings page read;
implementation names, field names, types and select values are Radarr's, which clients store.
"""

import logging
import posixpath
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from movies.models import AutoTag, Movie
from radarr.idsets import in_ids
from releases.languages import LANGUAGES

logger = logging.getLogger(__name__)

# Radarr's MovieStatusType values, which the Status condition stores
STATUS_VALUES: dict[str, int] = {"deleted": -1, "tba": 0, "announced": 1, "inCinemas": 2, "released": 3}
_STATUS_NAMES: dict[str, str] = {
    "deleted": "Deleted",
    "tba": "TBA",
    "announced": "Announced",
    "inCinemas": "InCinemas",
    "released": "Released",
}


@dataclass(frozen=True, slots=True)
class SelectOption:
    value: int
    name: str
    order: int = 0  # Radarr: an enum's options are ordered by value, a converter's all 0


@dataclass(frozen=True, slots=True)
class ConditionField:
    name: str  # the key clients send: "value", "min", "max", "status"
    label: str
    type: str  # Radarr's FieldType, camelCase: "tag", "select", "number", "qualityProfile", ...
    order: int
    default: Any
    unit: str | None = None
    options: Callable[[], tuple[SelectOption, ...]] | None = None

    def select_options(self) -> tuple[SelectOption, ...]:
        return self.options() if self.options else ()


@dataclass(frozen=True, slots=True)
class MovieFacts:
    """What conditions look at, read once from a movie (tests build it by hand)."""

    genres: tuple[str, ...]
    keywords: tuple[str, ...]
    studio: str
    original_language_id: int
    quality_profile_id: int
    root_folder_path: str
    runtime: int  # minutes
    status: str
    year: int
    monitored: bool
    tag_ids: frozenset[int]


Matcher = Callable[[MovieFacts, dict[str, Any]], bool]


@dataclass(frozen=True, slots=True)
class ConditionKind:
    implementation: str  # Radarr's class name, e.g. "GenreSpecification"
    implementation_name: str  # what the UI shows
    order: int
    fields: tuple[ConditionField, ...]
    matches: Matcher  # without negate


def facts_of(movie: Movie, tag_ids: Iterable[int]) -> MovieFacts:
    return MovieFacts(
        genres=tuple(movie.genres or ()),
        keywords=tuple(movie.keywords or ()),
        studio=movie.studio or "",
        original_language_id=movie.original_language_id,
        quality_profile_id=movie.quality_profile_id,
        root_folder_path=movie.root_folder_path,
        runtime=movie.runtime,
        status=movie.status,
        year=movie.year,
        monitored=movie.monitored,
        tag_ids=frozenset(tag_ids),
    )


# ---- values as stored (whatever JSON type a client sent)


def text_list(value: Any) -> list[str]:
    """A Tag-type field: a list of strings (a single string counts as one; Radarr reads only lists)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return []
    return [str(item) for item in value if isinstance(item, str | int | float) and str(item).strip()]


def whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _number(values: dict[str, Any], name: str) -> int:
    return whole_number(values.get(name)) or 0


def _path_key(path: str) -> str:
    return posixpath.normpath(path).rstrip("/").lower() if path else ""


# ---- the conditions (pure)


def _any_of(texts: Iterable[str], wanted: Any) -> bool:
    lowered = {text.lower() for text in text_list(wanted)}
    return any(text.lower() in lowered for text in texts)


def genre(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return _any_of(facts.genres, values.get("value"))


def keyword(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return _any_of(facts.keywords, values.get("value"))


def studio(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return bool(facts.studio) and _any_of([facts.studio], values.get("value"))


def monitored(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return facts.monitored


def original_language(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return whole_number(values.get("value")) == facts.original_language_id


def quality_profile(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return whole_number(values.get("value")) == facts.quality_profile_id


def root_folder(facts: MovieFacts, values: dict[str, Any]) -> bool:
    value = values.get("value")
    return isinstance(value, str) and bool(value) and _path_key(value) == _path_key(facts.root_folder_path)


def runtime(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return _number(values, "min") <= facts.runtime <= _number(values, "max")


def status(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return whole_number(values.get("status")) == STATUS_VALUES.get(facts.status)


def tag(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return whole_number(values.get("value")) in facts.tag_ids


def year(facts: MovieFacts, values: dict[str, Any]) -> bool:
    return _number(values, "min") <= facts.year <= _number(values, "max")


# ---- the catalogue


def _language_options() -> tuple[SelectOption, ...]:
    """Unknown first, then every real language by name (Radarr's OriginalLanguageFieldConverter)."""
    real = sorted((lang for lang in LANGUAGES if lang.id > 0), key=lambda lang: lang.name)
    return tuple(SelectOption(lang.id, lang.name) for lang in LANGUAGES if lang.id == 0) + tuple(
        SelectOption(lang.id, lang.name) for lang in real
    )


def _status_options() -> tuple[SelectOption, ...]:
    return tuple(
        SelectOption(value, _STATUS_NAMES[name], value)
        for name, value in sorted(STATUS_VALUES.items(), key=_second)
    )


def _second(pair: tuple[str, int]) -> int:
    return pair[1]


def _value(label: str, type: str, default: Any = None, **extra: Any) -> tuple[ConditionField, ...]:
    return (ConditionField("value", label, type, 1, default, **extra),)


def _range(low: str, high: str, unit: str | None = None) -> tuple[ConditionField, ...]:
    return (
        ConditionField("min", low, "number", 1, 0, unit=unit),
        ConditionField("max", high, "number", 2, 0, unit=unit),
    )


CONDITION_KINDS: tuple[ConditionKind, ...] = (
    ConditionKind("MonitoredSpecification", "Monitored", 1, (), monitored),
    ConditionKind(
        "OriginalLanguageSpecification",
        "Original Language",
        1,
        _value("Language", "select", 0, options=_language_options),
        original_language,
    ),
    ConditionKind(
        "QualityProfileSpecification",
        "Quality Profile",
        1,
        _value("Quality Profile", "qualityProfile", 0),
        quality_profile,
    ),
    ConditionKind(
        "RootFolderSpecification", "Root Folder", 1, _value("Root Folder", "rootFolder"), root_folder
    ),
    ConditionKind(
        "RuntimeSpecification", "Runtime", 1, _range("Minimum Runtime", "Maximum Runtime", "minutes"), runtime
    ),
    ConditionKind(
        "StatusSpecification",
        "Status",
        1,
        (ConditionField("status", "Status", "select", 1, 0, options=_status_options),),
        status,
    ),
    ConditionKind("StudioSpecification", "Studio", 1, _value("Studio(s)", "tag"), studio),
    ConditionKind("TagSpecification", "Tag", 1, _value("Tag", "movieTag", 0), tag),
    ConditionKind("YearSpecification", "Year", 1, _range("Minimum Year", "Maximum Year"), year),
    ConditionKind("GenreSpecification", "Genre", 2, _value("Genre(s)", "tag"), genre),
    ConditionKind("KeywordSpecification", "Keyword", 2, _value("Keyword(s)", "tag"), keyword),
)

CONDITIONS: dict[str, ConditionKind] = {kind.implementation: kind for kind in CONDITION_KINDS}


# ---- rules


@dataclass(frozen=True, slots=True)
class Rule:
    """An AutoTag as the matcher reads it."""

    specifications: tuple[dict[str, Any], ...]
    tag_ids: frozenset[int]
    remove_tags_automatically: bool


def condition_matches(specification: dict[str, Any], facts: MovieFacts) -> bool:
    kind = CONDITIONS.get(specification.get("implementation") or "")
    if kind is None:
        return False
    matched = kind.matches(facts, specification.get("fields") or {})
    return not matched if specification.get("negate") else matched


def rule_matches(rule: Rule, facts: MovieFacts) -> bool:
    """Every kind matches: one of its conditions does and no required one fails. No conditions: no match."""
    groups: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    for specification in rule.specifications:
        matched = condition_matches(specification, facts)
        groups[specification.get("implementation") or ""].append(
            (matched, bool(specification.get("required")))
        )
    if not groups:
        return False
    return all(
        any(matched for matched, _ in results)
        and not any(required and not matched for matched, required in results)
        for results in groups.values()
    )


def tag_changes(rules: Iterable[Rule], facts: MovieFacts) -> tuple[set[int], set[int]]:
    """(tags to add, tags to remove). A tag some matching rule gives is kept even when another rule
    that no longer matches would remove it (Radarr removed it there, and added it back next time)."""
    given: set[int] = set()
    removable: set[int] = set()
    for rule in rules:
        if rule_matches(rule, facts):
            given |= rule.tag_ids
        elif rule.remove_tags_automatically:
            removable |= rule.tag_ids
    return given - facts.tag_ids, (removable & facts.tag_ids) - given


def load_rules() -> list[Rule]:
    """Every rule, two queries."""
    return [
        Rule(
            tuple(auto_tag.specifications),
            frozenset(t.pk for t in auto_tag.tags.all()),
            auto_tag.remove_tags_automatically,
        )
        for auto_tag in AutoTag.objects.prefetch_related("tags")
    ]


def apply_auto_tags(movies: Iterable[Movie]) -> int:
    """Add and remove the rules' tags on these movies (rules read once, writes batched); returns how
    many movies changed."""
    rules = load_rules()  # first: without rules a queryset of the whole library is never read
    if not rules:
        return 0
    movies = list(movies)
    if not movies:
        return 0
    through = Movie.tags.through
    current: dict[int, set[int]] = defaultdict(set)
    pairs = through.objects.filter(movie_id__in=[movie.pk for movie in movies]).values_list(
        "movie_id", "tag_id"
    )
    for movie_id, tag_id in pairs:
        current[movie_id].add(tag_id)
    added: list[Any] = []
    removed: dict[int, list[int]] = defaultdict(list)  # tag id -> movie ids
    changed = 0
    for movie in movies:
        to_add, to_remove = tag_changes(rules, facts_of(movie, current[movie.pk]))
        if to_add or to_remove:
            changed += 1
            logger.info(
                "Auto tagging %s: added tags %s, removed %s", movie, sorted(to_add), sorted(to_remove)
            )
        added += [through(movie_id=movie.pk, tag_id=tag_id) for tag_id in to_add]
        for tag_id in to_remove:
            removed[tag_id].append(movie.pk)
    with transaction.atomic():
        for tag_id, movie_ids in removed.items():
            through.objects.filter(tag_id=tag_id, movie_id__in=in_ids(movie_ids)).delete()
        through.objects.bulk_create(added, ignore_conflicts=True)
    return changed
