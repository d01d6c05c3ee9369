"""Deciding what a folder's files are and whether each may be imported (Radarr's ImportDecisionMaker).

Each file gets its movie (the grab's movie first, then the given movie, then its folder and file names),
its quality, languages, group and edition aggregated from the file name, the folder name, the grab and
the media info, and the rejections of the import specifications, each a readable reason.
"""

import logging
import shutil
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from downloads.models import History, HistoryEventType
from downloads.tracking import match_movie
from imports.discovery import is_multi_part
from imports.facts import ImportFacts, ImportRejection
from imports.options import ImportOptions, import_options
from movies.decisionfacts import file_quality, movie_facts
from movies.filefolders import version_folder_of
from movies.fileformats import match_file
from movies.models import Movie, MovieFile, MovieVersion
from releases.customformats import format_input_from_parsed, matching_formats
from releases.decisions.context import Context, ExistingFile, ProfileFacts
from releases.decisions.loading import load_context
from releases.decisions.reputation import group_points
from releases.parser import ParsedMovieInfo, parse_movie_title
from releases.qualities import (
    QUALITIES_BY_ID,
    UNKNOWN,
    DetectionSource,
    Modifier,
    QualityModel,
    QualitySource,
    Revision,
    find_by_source_and_resolution,
)

logger = logging.getLogger(__name__)

SAMPLE_MAX_BYTES = 600 * 1024**2  # a file named "sample" at most this large is a sample
SAMPLE_MAX_SECONDS = 90  # Radarr: shorter than this (when the movie's runtime is known) is a sample
UNPACKING_GRACE_SECONDS = 60


@dataclass(slots=True)
class ImportContext:
    """Loaded once per folder: decision context, settings, the grab and the imported download ids."""

    decisions: Context
    options: ImportOptions
    grab: History | None = None
    imported_download_ids: set[tuple[int, str]] = field(default_factory=set)  # (movie id, download id)
    version: MovieVersion | None = None  # the extra version the download was grabbed for


def load_import_context(
    grab: History | None = None, download_id: str = "", version: MovieVersion | None = None
) -> ImportContext:
    imported: set[tuple[int, str]] = set()
    if download_id:
        rows = History.objects.filter(
            download_id=download_id, event_type=HistoryEventType.DOWNLOAD_FOLDER_IMPORTED
        ).values_list("movie_id", "download_id")
        imported = set(rows)
    if version is None and grab is not None and grab.version_id:
        version = grab.version
    return ImportContext(load_context(), import_options(), grab, imported, version)


# ---- identification and aggregation


def _parse(name: str, is_dir: bool = False) -> ParsedMovieInfo | None:
    try:
        return parse_movie_title(name, is_dir=is_dir) if name else None
    except Exception:  # a name the parser chokes on is just not informative
        logger.exception("Could not parse %r", name)
        return None


def identify_movie(
    parsed: list[ParsedMovieInfo | None], grab: History | None, movie: Movie | None
) -> Movie | None:
    """The grab's movie, else the one given, else the first name (file, folder) that names one."""
    if grab is not None:
        return grab.movie
    if movie is not None:
        return movie
    for info in parsed:
        if info is None:
            continue
        if info.tmdb_id:
            found = Movie.objects.filter(tmdb_id=info.tmdb_id).first()
            if found:
                return found
        if info.imdb_id:
            found = Movie.objects.filter(imdb_id=info.imdb_id).first()
            if found:
                return found
        found = match_movie(info.movie_titles, info.year)
        if found:
            return found
    return None


def _grab_quality(grab: History | None) -> QualityModel | None:
    if grab is None or not grab.quality_id:
        return None
    revision = grab.revision or {}
    return QualityModel(
        QUALITIES_BY_ID.get(grab.quality_id, UNKNOWN),
        Revision(revision.get("version", 1), revision.get("real", 0), bool(revision.get("isRepack", False))),
    )


def aggregate(facts: ImportFacts, parsed: list[ParsedMovieInfo | None], grab: History | None) -> None:
    """Quality from the grab (the release title), else the file, else the folder; languages, group and
    edition from the first name that has them; the movie's original language when none says."""
    names = [info for info in parsed if info is not None]
    quality = _grab_quality(grab)
    if quality is None:
        known = [info.quality for info in names if info.quality.quality.id != UNKNOWN.id]
        quality = known[0] if known else (names[0].quality if names else QualityModel())
    facts.quality = quality
    for info in names:
        languages = [language.id for language in info.languages if language.id > 0]
        if languages:
            facts.language_ids = languages
            break
    if not facts.language_ids and grab is not None:
        facts.language_ids = [language for language in grab.language_ids if language > 0]
    if not facts.language_ids and facts.movie is not None:
        facts.language_ids = [facts.movie.original_language_id]
    facts.release_group = next((info.release_group for info in names if info.release_group), "") or (
        grab.data.get("releaseGroup", "") if grab else ""
    )
    facts.edition = next((info.edition for info in names if info.edition), "")
    if grab is not None:
        facts.scene_name = grab.source_title
        flags = str(grab.data.get("indexerFlags", "0"))
        facts.indexer_flags = int(flags) if flags.isdigit() else 0


# Sources whose qualities differ by resolution only; DVD, CAM and the like have none to correct.
_RESOLUTION_SOURCES = frozenset(
    {QualitySource.UNKNOWN, QualitySource.TV, QualitySource.WEBDL, QualitySource.WEBRIP, QualitySource.BLURAY}
)


def resolution_of(media_info: dict[str, Any] | None) -> int:
    """The resolution class of a picture, by width or height so cropped films count (1920x800 is 1080)."""
    width = int((media_info or {}).get("width") or 0)
    height = int((media_info or {}).get("height") or 0)
    for resolution, min_width, min_height in ((2160, 3200, 2100), (1080, 1800, 1000), (720, 1200, 650)):
        if width >= min_width or height >= min_height:
            return resolution
    return 480 if width and height else 0


def quality_with_media_info(quality: QualityModel, media_info: dict[str, Any] | None) -> QualityModel:
    """Radarr augments the quality with the file's own resolution when no name states one
    (`Movie.2016.BluRay.x264.mkv` that is 1920x800 imports as Bluray-1080p, not the parser's guess)."""
    current = quality.quality
    resolution = resolution_of(media_info)
    if not resolution or resolution == current.resolution or current.modifier != Modifier.NONE:
        return quality
    if current.source not in _RESOLUTION_SOURCES:
        return quality
    found = find_by_source_and_resolution(current.source, resolution)
    return quality if found == UNKNOWN else replace(quality, quality=found)


def _formats(facts: ImportFacts, parsed: ParsedMovieInfo | None, context: Context) -> None:
    if facts.movie is None or parsed is None:
        return
    format_input = format_input_from_parsed(
        parsed,
        size=facts.size,
        indexer_flags=facts.indexer_flags,
        original_language_id=facts.movie.original_language_id,
        movie_year=facts.movie.year,
        file_name=facts.path.name,
    )
    matched = matching_formats(context.formats, format_input)
    facts.matched_formats = [(fmt.id, fmt.name) for fmt in matched]
    profile = context.profiles.get(facts.quality_profile_id)
    if profile is not None:
        # the reputation bonus counts as it did when the release was grabbed (0 while the setting is off)
        facts.custom_format_score = profile.score(
            frozenset(fmt.id for fmt in matched if fmt.id is not None)
        ) + group_points(context, profile, parsed.release_group)


def _probe(path: Path) -> dict[str, Any] | None:
    try:
        from imports.mediainfo import probe  # noqa: PLC0415 (media info is optional)
    except ImportError:
        return None
    try:
        info = probe(path)
        return info.as_dict() if info is not None else None
    except Exception:  # media info is a help, never a reason to fail an import
        logger.exception("Media info of %s failed", path)
        return None


def _media_value(info: dict[str, Any] | None, name: str) -> float | None:
    value = (info or {}).get(name)
    try:
        return float(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def evaluate_file(
    path: Path,
    folder: Path,
    context: ImportContext,
    *,
    movie: Movie | None = None,
    download_id: str = "",
    overrides: dict[str, Any] | None = None,
) -> ImportFacts:
    """Everything known about one file, with its rejections. `overrides` (manual import) may set
    movie, version (a MovieVersion, or None for the primary), quality, language_ids and release_group;
    without a version override the file is for the version the download was grabbed for."""
    overrides = overrides or {}
    size = path.stat().st_size if path.exists() else 0
    facts = ImportFacts(path=path, folder=folder, size=size, download_id=download_id)
    grab = context.grab
    folder_name = path.parent.name if path.parent != path else ""
    file_info = _parse(path.name)
    folder_info = _parse(folder_name, is_dir=True) if folder_name else None
    grab_info = _parse(grab.source_title) if grab is not None else None
    facts.movie = overrides.get("movie") or identify_movie([file_info, folder_info, grab_info], grab, movie)
    facts.grab_movie_id = grab.movie_id if grab is not None else None
    facts.version = overrides.get("version", context.version)
    names = [grab_info, file_info, folder_info] if grab_info else [file_info, folder_info]
    aggregate(facts, names, grab)
    if not facts.scene_name and folder_info is not None and folder != path:
        facts.scene_name = folder_name
    facts.media_info = _probe(path) if context.options.enable_media_info else None
    if not any(info.quality.resolution_detection == DetectionSource.NAME for info in names if info):
        facts.quality = quality_with_media_info(facts.quality, facts.media_info)
    for name in ("quality", "language_ids", "release_group"):
        if overrides.get(name) not in (None, ""):
            setattr(facts, name, overrides[name])
    _formats(facts, grab_info or file_info or folder_info, context.decisions)
    facts.rejections = [r for spec in SPECIFICATIONS if (r := spec(facts, context)) is not None]
    return facts


# ---- import specifications: each returns a rejection with a readable reason, or None


def unknown_movie(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    if facts.movie is None:
        return ImportRejection("Unknown Movie: the file and folder names match no movie in the library")
    return None


def matches_grab(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    if facts.movie is None or facts.grab_movie_id is None or facts.grab_movie_id == facts.movie.pk:
        return None
    return ImportRejection("File was grabbed for a different movie")


def matches_version(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    version = facts.version
    if version is None or facts.movie is None or version.movie_id == facts.movie.pk:
        return None
    return ImportRejection(f"The version '{version.name}' belongs to another movie")


def not_sample(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    from movies.scanning import SAMPLE_NAME  # noqa: PLC0415 (the library scan's sample rule)

    in_sample_folder = facts.path.parent.name.lower() in ("sample", "samples")
    if (SAMPLE_NAME.search(facts.path.stem) or in_sample_folder) and facts.size < SAMPLE_MAX_BYTES:
        return ImportRejection("Sample")
    runtime = _media_value(facts.media_info, "runTimeSeconds")
    movie_runtime = facts.movie.runtime if facts.movie is not None else 0
    if runtime and movie_runtime and runtime < SAMPLE_MAX_SECONDS:
        return ImportRejection(f"Sample: runtime of {runtime:.0f} seconds")
    return None


def not_multi_part(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    if is_multi_part(facts.path.name):
        return ImportRejection("Multi-part file (cd1/part1): join the parts into one file and import that")
    return None


def not_unpacking(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    from imports.discovery import WORKING_FOLDERS  # noqa: PLC0415

    if any(WORKING_FOLDERS.match(part) for part in facts.path.parts):
        return ImportRejection("File is still being unpacked", permanent=False)
    return None


def already_imported(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    if facts.movie is None or not facts.download_id:
        return None
    if (facts.movie.pk, facts.download_id) in context.imported_download_ids:
        return ImportRejection("Movie file already imported for this download")
    return None


def has_audio(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    if facts.media_info is None:
        return None
    streams = _media_value(facts.media_info, "audioStreamCount")
    if streams == 0:
        return ImportRejection("No audio tracks detected")
    return None


def free_space(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    options = context.options
    if options.skip_free_space_check or facts.movie is None or not facts.movie.path:
        return None
    target = Path(version_folder_of(facts.movie, facts.version))
    while not target.exists() and target != target.parent:
        target = target.parent
    try:
        free = shutil.disk_usage(target).free
    except OSError:
        return None  # cannot tell: the transfer itself fails safely if the disk is full
    if free - facts.size < options.minimum_free_space_mb * 1024**2:
        return ImportRejection(
            f"Not enough free space: {free / 1024**2:.0f} MB free, the file needs "
            f"{facts.size / 1024**2:.0f} MB and {options.minimum_free_space_mb} MB must stay free",
            permanent=False,
        )
    return None


def _existing_file(facts: ImportFacts, context: ImportContext) -> ExistingFile | None:
    """The file the new one would replace: its version's one file, or the movie's primary file."""
    movie, version = facts.movie, facts.version
    if movie is None:
        return None
    if version is None:
        return movie_facts([movie], context.decisions.formats)[movie.pk].file if movie.has_file else None
    row = MovieFile.objects.filter(version=version).first()
    if row is None:
        return None
    return ExistingFile(
        quality=file_quality(row),
        format_ids=frozenset(match_file(row, movie, context.decisions.formats)),
        release_group=row.release_group or None,
        date_added=row.date_added,
    )


def upgrade(facts: ImportFacts, context: ImportContext) -> ImportRejection | None:
    """With a file already in the library for the same version, the new one must be better in that
    version's profile (a 2160p file for the 4K version is never weighed against the 1080p one)."""
    existing = _existing_file(facts, context)
    profile: ProfileFacts | None = context.decisions.profiles.get(facts.quality_profile_id)
    if existing is None or profile is None:
        return None
    new_rank, old_rank = profile.rank(facts.quality.quality.id), profile.rank(existing.quality.quality.id)
    if new_rank != old_rank:
        return None if new_rank > old_rank else ImportRejection("Not an upgrade for existing movie file")
    new_revision = (facts.quality.revision.version, facts.quality.revision.real)
    old_revision = (existing.quality.revision.version, existing.quality.revision.real)
    if new_revision > old_revision:
        return None
    if new_revision < old_revision:
        return ImportRejection("Not an upgrade for existing movie file")
    existing_score = profile.score(existing.format_ids)
    existing_score += group_points(context.decisions, profile, existing.release_group)
    if facts.custom_format_score > existing_score:
        return None
    return ImportRejection("Not a Custom Format upgrade for existing movie file")


SPECIFICATIONS = [
    unknown_movie,
    matches_grab,
    matches_version,
    not_sample,
    not_multi_part,
    not_unpacking,
    already_imported,
    has_audio,
    free_space,
    upgrade,
]
