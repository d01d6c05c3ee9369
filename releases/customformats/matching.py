"""Which custom formats a release (or a movie file) matches, and what they are worth in a profile.

Pure functions over a small input record: nothing here touches the database. Formats are compiled once
(`compile_formats`) and then matched against any number of releases (`matching_formats`).

Radarr's rules: each condition is tested and then flipped when negated. Conditions are grouped by kind;
a group passes when none of its required members failed and at least one member matched. A format
matches when every group passes.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from releases.customformats.dotnet_regex import compile_pattern
from releases.customformats.specifications import INDEXER_FLAGS, MODIFIER_VALUES, SOURCE_VALUES, fields_as_map
from releases.languages import ANY, ORIGINAL
from releases.parser import ParsedMovieInfo
from releases.qualities import Modifier, QualitySource

GIGABYTE = 1024**3  # Radarr's "GB" in size conditions is binary


@dataclass(frozen=True, slots=True)
class FormatInput:
    """What custom formats look at in one release or file."""

    title: str = ""  # the simplified release title (or the file's scene name)
    edition: str | None = None
    languages: tuple[int, ...] = ()  # Radarr language ids
    indexer_flags: int = 0  # Radarr's IndexerFlags bits
    quality_source: QualitySource = QualitySource.UNKNOWN
    resolution: int = 0
    modifier: Modifier = Modifier.NONE
    size_bytes: int = 0
    release_group: str | None = None
    year: int | None = None  # the release's year, else the movie's
    original_language_id: int | None = None  # the movie's, for "Original" language conditions
    file_name: str | None = None  # a movie file's name: release-title conditions test it as well


Test = Callable[[FormatInput], bool]


@dataclass(frozen=True, slots=True)
class CompiledSpecification:
    name: str
    implementation: str
    negate: bool
    required: bool
    test: Test = field(repr=False)

    def is_satisfied_by(self, release: FormatInput) -> bool:
        return self.test(release) != self.negate


@dataclass(frozen=True, slots=True)
class CompiledFormat:
    id: int | None
    name: str
    include_custom_format_when_renaming: bool
    groups: tuple[tuple[CompiledSpecification, ...], ...]

    def matches(self, release: FormatInput) -> bool:
        return all(_group_passes(group, release) for group in self.groups)


def _group_passes(group: tuple[CompiledSpecification, ...], release: FormatInput) -> bool:
    any_matched = False
    for specification in group:
        if specification.is_satisfied_by(release):
            any_matched = True
        elif specification.required:
            return False
    return any_matched


def format_input_from_parsed(
    parsed: ParsedMovieInfo,
    *,
    size: int = 0,
    indexer_flags: int = 0,
    original_language_id: int | None = None,
    movie_year: int | None = None,
    file_name: str | None = None,
) -> FormatInput:
    """The input for a parsed release; the movie's year stands in when the name carries none."""
    quality = parsed.quality.quality
    return FormatInput(
        title=parsed.simple_release_title,
        edition=parsed.edition,
        languages=tuple(language.id for language in parsed.languages),
        indexer_flags=indexer_flags,
        quality_source=quality.source,
        resolution=quality.resolution,
        modifier=quality.modifier,
        size_bytes=size,
        release_group=parsed.release_group,
        year=parsed.year or movie_year,
        original_language_id=original_language_id,
        file_name=file_name,
    )


def compile_formats(formats: Iterable[Any]) -> list[CompiledFormat]:
    """Compile CustomFormat rows or plain dicts (`{id?, name, specifications}`) once, for many matches.

    Stored formats were validated at save; a condition whose values still cannot be read (an invalid
    regex, a non-number) never matches rather than failing the whole search.
    """
    return [_compile_format(custom_format) for custom_format in formats]


def matching_formats(compiled: Sequence[CompiledFormat], release: FormatInput) -> list[CompiledFormat]:
    """The formats `release` matches, sorted by name as Radarr lists them."""
    return sorted((fmt for fmt in compiled if fmt.matches(release)), key=lambda fmt: fmt.name)


def _compile_format(custom_format: Any) -> CompiledFormat:
    if isinstance(custom_format, Mapping):
        read = custom_format.get
        format_id, name = read("id"), read("name") or ""
        include, specifications = (
            bool(read("includeCustomFormatWhenRenaming", False)),
            read("specifications") or [],
        )
    else:
        format_id, name = custom_format.pk, custom_format.name
        include, specifications = (
            custom_format.include_custom_format_when_renaming,
            custom_format.specifications,
        )
    groups: dict[str, list[CompiledSpecification]] = {}
    for specification in specifications:
        compiled = compile_specification(specification)
        groups.setdefault(compiled.implementation, []).append(compiled)
    # every group must pass, so the order is free: cheap comparisons first spare regex work on misses
    ordered = sorted(groups.values(), key=lambda group: group[0].implementation in _REGEX_KINDS)
    return CompiledFormat(format_id, name, include, tuple(tuple(group) for group in ordered))


_REGEX_KINDS = frozenset({"ReleaseTitleSpecification", "EditionSpecification", "ReleaseGroupSpecification"})


def compile_specification(specification: Mapping[str, Any]) -> CompiledSpecification:
    """One stored condition (`{name, implementation, negate, required, fields}`) as a ready test."""
    implementation = specification.get("implementation") or ""
    values = fields_as_map(specification.get("fields"))
    try:
        test = TEST_BUILDERS[implementation](values)
    except (KeyError, TypeError, ValueError, OverflowError, regex.error):  # see compile_formats
        test = _never
    return CompiledSpecification(
        name=specification.get("name") or "",
        implementation=implementation,
        negate=bool(specification.get("negate")),
        required=bool(specification.get("required")),
        test=test,
    )


def _never(_release: FormatInput) -> bool:
    return False


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError("a flag is not a number")
    return int(float(value)) if isinstance(value, str) and "." in value else int(value)


def _bool(value: Any) -> bool:
    return value.strip().lower() == "true" if isinstance(value, str) else bool(value)


def _release_title(values: dict[str, Any]) -> Test:
    search = compile_pattern(values["value"]).search
    return lambda release: bool(
        search(release.title) or (release.file_name is not None and search(release.file_name))
    )


def _edition(values: dict[str, Any]) -> Test:
    search = compile_pattern(values["value"]).search
    return lambda release: release.edition is not None and search(release.edition) is not None


def _release_group(values: dict[str, Any]) -> Test:
    search = compile_pattern(values["value"]).search
    return lambda release: release.release_group is not None and search(release.release_group) is not None


def _language(values: dict[str, Any]) -> Test:
    wanted = _int(values.get("value", 0))
    except_language = _bool(values.get("exceptLanguage", False))

    def test(release: FormatInput) -> bool:
        compared = wanted
        if wanted == ORIGINAL.id and release.original_language_id:
            compared = release.original_language_id
        if compared == ANY.id:  # "Any" stands for whatever language the release has
            return bool(release.languages)
        if except_language:
            return any(language != compared for language in release.languages)
        return compared in release.languages

    return test


def _indexer_flag(values: dict[str, Any]) -> Test:
    flag = _int(values["value"])
    if flag not in INDEXER_FLAGS:
        raise ValueError(f"unknown indexer flag {flag}")
    return lambda release: release.indexer_flags & flag == flag


def _source(values: dict[str, Any]) -> Test:
    wanted = _int(values["value"])
    return lambda release: SOURCE_VALUES[release.quality_source] == wanted


def _resolution(values: dict[str, Any]) -> Test:
    wanted = _int(values["value"])
    return lambda release: release.resolution == wanted


def _modifier(values: dict[str, Any]) -> Test:
    wanted = _int(values["value"])
    return lambda release: MODIFIER_VALUES[release.modifier] == wanted


def _size(values: dict[str, Any]) -> Test:
    # Radarr truncates the GB figure to whole bytes; min is exclusive, max inclusive
    low, high = int(float(values.get("min", 0)) * GIGABYTE), int(float(values.get("max", 0)) * GIGABYTE)
    return lambda release: low < release.size_bytes <= high


def _year(values: dict[str, Any]) -> Test:
    low, high = _int(values.get("min", 0)), _int(values.get("max", 0))
    return lambda release: release.year is not None and low <= release.year <= high


TEST_BUILDERS: dict[str, Callable[[dict[str, Any]], Test]] = {
    "ReleaseTitleSpecification": _release_title,
    "EditionSpecification": _edition,
    "LanguageSpecification": _language,
    "IndexerFlagSpecification": _indexer_flag,
    "SourceSpecification": _source,
    "ResolutionSpecification": _resolution,
    "QualityModifierSpecification": _modifier,
    "SizeSpecification": _size,
    "ReleaseGroupSpecification": _release_group,
    "YearSpecification": _year,
}
