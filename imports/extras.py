"""Extra files: subtitles and the other extensions the user asked for, kept beside their movie file.

Subtitles get the movie file's name plus their language and tags (`Movie (2020).en.forced.srt`);
other extras get the movie file's name and their own extension (`Movie (2020).nfo`). Each one is an
ExtraFile row, so it moves, renames and goes away with its movie file.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import regex
from django.db import transaction

from imports.models import ExtraFile, ExtraFileType, MediaManagementConfig
from imports.transfer import clash_free
from movies.models import Movie, MovieFile
from movies.scanning import is_video_file
from movies.titles import clean_title
from radarr.idsets import in_ids
from releases.languages import ISO_LANGUAGES

logger = logging.getLogger(__name__)

SUBTITLE_EXTENSIONS = frozenset({".srt", ".ass", ".ssa", ".sub", ".idx", ".vtt", ".sup", ".smi"})
SUBTITLE_TAGS = ("forced", "sdh", "cc", "hi", "default")
_TAG_ALIASES = {"foreign": "forced", "hearing impaired": "sdh"}
_CODES: dict[str, str] = {}
for _iso in ISO_LANGUAGES:
    _CODES.setdefault(_iso.two_letter_code, _iso.two_letter_code)
    if _iso.three_letter_code:
        _CODES.setdefault(_iso.three_letter_code, _iso.two_letter_code)
_CODES.update({"ger": "de", "fre": "fr", "dut": "nl", "chi": "zh", "cze": "cs", "gre": "el", "rum": "ro"})
_NAMES = {_iso.language.name.lower(): _iso.two_letter_code for _iso in ISO_LANGUAGES}


@dataclass(frozen=True, slots=True)
class SubtitleName:
    language: str  # ISO 639-1, "" when the name does not say
    tags: tuple[str, ...]  # ("forced", "sdh")
    title: str  # any other words between the video name and the extension


def parse_subtitle_name(file_name: str, video_stem: str = "") -> SubtitleName:
    """`Movie.2020.eng.forced.srt` → language "en", tags ("forced",)."""
    stem = posixpath.splitext(file_name)[0]
    if video_stem and stem.lower().startswith(video_stem.lower()):
        stem = stem[len(video_stem) :]
    parts = [part for part in regex.split(r"[._ \-\[\]()]+", stem) if part]
    language, tags, rest = "", [], []
    # read from the end: the language and tags come last
    for part in reversed(parts):
        lower = part.lower()
        tag = _TAG_ALIASES.get(lower, lower)
        if tag in SUBTITLE_TAGS and tag not in tags:
            tags.insert(0, tag)
        elif not language and (lower in _CODES or lower in _NAMES) and not rest:
            language = _CODES.get(lower) or _NAMES[lower]
        else:
            rest.insert(0, part)
    title = " ".join(rest) if video_stem else ""
    return SubtitleName(language, tuple(tags), title)


def extra_file_name(video_stem: str, extension: str, language: str = "", tags: tuple[str, ...] = ()) -> str:
    """The name an extra takes beside a movie file named `video_stem`."""
    parts = [video_stem]
    if language:
        parts.append(language)
    parts.extend(tags)
    return ".".join(parts) + extension.lower()


def _candidates(source_video: Path) -> list[Path]:
    """Files beside the video (and in a Subs/Subtitles folder next to it) that could be its extras."""
    folder = source_video.parent
    found = [path for path in folder.iterdir() if path.is_file() and path != source_video]
    for name in ("Subs", "subs", "Subtitles", "subtitles"):
        sub_folder = folder / name
        if sub_folder.is_dir():
            found.extend(path for path in sub_folder.rglob("*") if path.is_file())
    return sorted(found)


def _is_release_folder(folder: Path, movie: Movie, source_video: Path) -> bool:
    """The folder is the release's own (so every subtitle in it is the video's): it holds no other
    video and is named for the movie, not a shared downloads folder."""
    others = [p for p in folder.iterdir() if p != source_video and is_video_file(p.name) and p.is_file()]
    return not others and clean_title(movie.title) in clean_title(folder.name)


def _belongs(path: Path, source_video: Path, release_folder: bool) -> bool:
    """A file goes with the video when it starts with the video's name, sits in a Subs folder beside it,
    or lies in the release's own folder."""
    if path.parent != source_video.parent:
        return True
    return release_folder or path.stem.lower().startswith(source_video.stem.lower())


def _source_video(source_folder: Path, movie_file: MovieFile) -> Path | None:
    """The imported video where it came from: by the movie file's original name, else named like its
    release (which need not exist: only files named like it then come along). None without either."""
    name = posixpath.basename((movie_file.original_file_path or "").replace("\\", "/"))
    if name and (source_folder / name).exists():
        return source_folder / name
    stem = movie_file.scene_name or posixpath.splitext(posixpath.basename(movie_file.original_file_path))[0]
    return source_folder / f"{stem}.mkv" if stem else None


def _extras_of(video: Path, source_folder: Path, movie: Movie, extensions: list[str]) -> list[Path]:
    """The files that go with the video and have an extension the user asked for."""
    if not video.parent.is_dir():
        return []
    release_folder = video.exists() and _is_release_folder(source_folder, movie, video)
    return [
        path
        for path in _candidates(video)
        if path.suffix.lower().lstrip(".") in extensions and _belongs(path, video, release_folder)
    ]


@dataclass(frozen=True, slots=True)
class _ExtraName:
    name: str  # beside the movie file: its name, then language and tags for a subtitle
    kind: str
    language: str = ""
    tags: tuple[str, ...] = ()


def _extra_name(path: Path, video: Path, video_stem: str) -> _ExtraName:
    extension = path.suffix.lower()
    if extension not in SUBTITLE_EXTENSIONS:
        return _ExtraName(extra_file_name(video_stem, extension), ExtraFileType.OTHER)
    parsed = parse_subtitle_name(path.name, video.stem)
    name = extra_file_name(video_stem, extension, parsed.language, parsed.tags)
    return _ExtraName(name, ExtraFileType.SUBTITLE, parsed.language, parsed.tags)


def _bring(path: Path, target: Path, *, move: bool) -> bool:
    """Copy (or move) one extra into place; a failure is logged and leaves it behind."""
    try:
        if move:
            shutil.move(path, target)
        else:
            shutil.copy2(path, target)
    except OSError as error:
        logger.warning("Could not import extra file '%s': %s", path, error)
        return False
    return True


def import_extras(
    source_folder: Path,
    movie: Movie,
    movie_file: MovieFile,
    *,
    source_video: Path | None = None,
    move: bool = False,
) -> list[ExtraFile]:
    """Bring the extras of an imported video along when Import Extra Files is on: the extensions the
    user listed, copied (or moved) next to the movie file with its name, and recorded.

    `source_video` is the imported file where it came from (found in `source_folder` by the movie
    file's original name when not given; without it only files named like the movie file's release
    come along)."""
    config = MediaManagementConfig.load()
    if not config.import_extra_files or not source_folder.is_dir():
        return []
    video = source_video or _source_video(source_folder, movie_file)
    if video is None:
        return []
    video_stem = posixpath.splitext(posixpath.basename(movie_file.relative_path))[0]
    target_folder = (Path(movie.path) / movie_file.relative_path).parent
    created = []
    for path in _extras_of(video, source_folder, movie, config.extra_extensions):
        extra = _extra_name(path, video, video_stem)
        target = clash_free(target_folder / extra.name)
        if not _bring(path, target, move=move):
            continue
        created.append(
            ExtraFile.objects.create(
                movie=movie,
                movie_file=movie_file,
                relative_path=target.relative_to(Path(movie.path)).as_posix(),
                extension=path.suffix.lower(),
                type=extra.kind,
                language=extra.language,
                language_tags=list(extra.tags),
            )
        )
    return created


def move_extras_with(movie: Movie, movie_file: MovieFile, old_relative_path: str) -> list[ExtraFile]:
    """After the movie file was renamed, give its extras the new name (never overwriting)."""
    folder = Path(movie.path)
    new_stem = posixpath.splitext(posixpath.basename(movie_file.relative_path))[0]
    new_parent = posixpath.dirname(movie_file.relative_path)
    moved = []
    # metadata files are named by their consumer (movie.nfo, movie.xml): imports.metadatafiles rewrites them
    for extra in ExtraFile.objects.filter(movie_file=movie_file).exclude(type=ExtraFileType.METADATA):
        source = folder / extra.relative_path
        tags = tuple(extra.language_tags or ())
        name = extra_file_name(new_stem, extra.extension, extra.language, tags)
        new_relative = posixpath.join(new_parent, name) if new_parent else name
        if new_relative == extra.relative_path or not source.is_file():
            continue
        target = clash_free(folder / new_relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        extra.relative_path = target.relative_to(folder).as_posix()
        extra.save(update_fields=["relative_path", "last_updated"])
        moved.append(extra)
    return moved


def delete_extras_of(movie_file: MovieFile, recycle: Any = None) -> int:
    """Remove a movie file's extras from disk and the database (`recycle(path)` when given, e.g. the
    recycle bin). Returns how many went."""
    folder = Path(movie_file.movie.path)
    count = 0
    for extra in ExtraFile.objects.filter(movie_file=movie_file):
        path = folder / extra.relative_path
        try:
            if path.exists():
                if recycle is not None:
                    recycle(path)
                else:
                    path.unlink()
        except OSError as error:
            logger.warning("Could not delete extra file '%s': %s", path, error)
            continue
        extra.delete()
        count += 1
    return count


def extra_file_resource(extra: ExtraFile) -> dict[str, Any]:
    """Radarr's ExtraFileResource (its extension keeps the dot; languageTags are forced/sdh/cc only)."""
    return {
        "id": extra.pk,
        "movieId": extra.movie_id,
        "movieFileId": extra.movie_file_id,
        "relativePath": extra.relative_path,
        "extension": extra.extension,
        "languageTags": list(extra.language_tags or []),
        "title": extra.title or None,
        "type": extra.type,
    }


def scan_extras(movie: Movie) -> int:
    """Track the extras of one movie folder (see scan_movies_extras)."""
    return scan_movies_extras([movie])


def scan_movies_extras(movies: list[Movie]) -> int:
    """Track extras already in the movies' folders (named like one of their files) and forget rows whose
    file is gone; what a rescan calls for a batch of folders once it found the root folder mounted (a
    missing movie folder forgets them all). The same few queries for any number of movies; a folder that
    cannot be read is logged and left as it was. Returns how many rows were added or removed."""
    if not movies:
        return 0
    ids = in_ids(movie.pk for movie in movies)
    tracked: dict[int, dict[str, ExtraFile | None]] = defaultdict(dict)
    for extra in ExtraFile.objects.filter(movie_id__in=ids):
        tracked[extra.movie_id][extra.relative_path] = extra
    files: dict[int, list[MovieFile]] = defaultdict(list)
    # extras live in the movie's folder: a version's file in its own folder has none tracked
    in_movie_folder = MovieFile.objects.filter(movie_id__in=ids).exclude(version__path__gt="")
    for movie_file in in_movie_folder.only("pk", "movie_id", "relative_path"):
        files[movie_file.movie_id].append(movie_file)
    extensions = set(MediaManagementConfig.load().extra_extensions) | {
        ext.lstrip(".") for ext in SUBTITLE_EXTENSIONS
    }
    gone: list[int] = []
    new: list[ExtraFile] = []
    for movie in movies:
        try:
            found_gone, found_new = _scan_folder(movie, tracked[movie.pk], files[movie.pk], extensions)
        except OSError:
            logger.exception("Tracking the extras of %s failed", movie)
            continue
        gone += found_gone
        new += found_new
    if gone or new:
        with transaction.atomic():
            if gone:
                ExtraFile.objects.filter(pk__in=in_ids(gone)).delete()
            ExtraFile.objects.bulk_create(new, batch_size=500)
    return len(gone) + len(new)


def _scan_folder(
    movie: Movie, tracked: dict[str, ExtraFile | None], files: list[MovieFile], extensions: set[str]
) -> tuple[list[int], list[ExtraFile]]:
    """One folder: the ids of its extras' rows whose file is gone, and rows for the extras not tracked."""
    folder = Path(movie.path)
    gone = []
    for relative, extra in list(tracked.items()):
        if extra is not None and not (folder / relative).is_file():
            gone.append(extra.pk)
            del tracked[relative]
    if not folder.is_dir():
        return gone, []
    new = []
    for movie_file in files:
        stem = posixpath.splitext(posixpath.basename(movie_file.relative_path))[0]
        parent = (folder / movie_file.relative_path).parent
        for path in sorted(parent.glob("*")):
            relative = path.relative_to(folder).as_posix()
            extension = path.suffix.lower()
            if (
                relative in tracked
                or not path.is_file()
                or extension.lstrip(".") not in extensions
                or is_video_file(path.name)
                or not path.name.lower().startswith(stem.lower() + ".")
            ):
                continue
            subtitle = extension in SUBTITLE_EXTENSIONS
            parsed = parse_subtitle_name(path.name, stem) if subtitle else None
            new.append(
                ExtraFile(
                    movie=movie,
                    movie_file=movie_file,
                    relative_path=relative,
                    extension=extension,
                    type=ExtraFileType.SUBTITLE if subtitle else ExtraFileType.OTHER,
                    language=parsed.language if parsed else "",
                    language_tags=list(parsed.tags) if parsed else [],
                )
            )
            tracked[relative] = None
    return gone, new
