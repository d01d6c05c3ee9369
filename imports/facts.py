"""What the import pipeline knows about one file it may import (Radarr's LocalMovie + ImportDecision)."""

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from movies.models import Movie, MovieVersion
from releases.qualities import QualityModel


@dataclass(frozen=True, slots=True)
class ImportRejection:
    reason: str  # for people: shown in the queue, manual import and the API
    permanent: bool = True  # False: retrying later may pass (unpacking, free space)

    @property
    def type(self) -> str:
        return "permanent" if self.permanent else "temporary"


@dataclass(slots=True)
class ImportFacts:
    """One candidate file: where it is, the movie it belongs to, and what its names and grab say.

    `imports.naming.movie_file_name(movie, facts)` reads it like a MovieFile: quality_id, revision,
    edition, release_group, custom_formats (names), scene_name, relative_path and media_info.
    """

    path: Path
    folder: Path  # the folder being imported (the file's own folder for a single file)
    size: int
    movie: Movie | None = None
    version: MovieVersion | None = None  # the extra version it is imported as (None: the primary)
    quality: QualityModel = field(default_factory=QualityModel)
    language_ids: list[int] = field(default_factory=list)
    release_group: str = ""
    edition: str = ""
    scene_name: str = ""  # the release title when known (grab or folder), kept on the MovieFile
    indexer_flags: int = 0
    matched_formats: list[tuple[int | None, str]] = field(default_factory=list)  # (id, name) by name
    custom_format_score: int = 0
    download_id: str = ""
    grab_movie_id: int | None = None  # the movie the grab was for, when the file came from a grab
    media_info: dict[str, Any] | None = None  # MediaInfo.as_dict() when ffprobe could read the file
    rejections: list[ImportRejection] = field(default_factory=list)

    @property
    def approved(self) -> bool:
        return not self.rejections

    @property
    def quality_profile_id(self) -> int | None:
        """The profile the file is judged by: its version's, else the movie's."""
        if self.version is not None:
            return self.version.quality_profile_id
        return self.movie.quality_profile_id if self.movie is not None else None

    @property
    def quality_id(self) -> int:
        return self.quality.quality.id

    @property
    def revision(self) -> dict[str, Any]:
        revision = self.quality.revision
        return {"version": revision.version, "real": revision.real, "isRepack": revision.is_repack}

    @property
    def custom_formats(self) -> list[str]:
        return [name for _, name in self.matched_formats]

    @property
    def relative_path(self) -> str:
        if self.path == self.folder:
            return self.path.name
        try:
            return self.path.relative_to(self.folder).as_posix()
        except ValueError:
            return self.path.name

    @property
    def folder_name(self) -> str:
        return self.path.parent.name

    @property
    def name(self) -> str:
        return self.path.stem

    def messages(self) -> list[str]:
        return [rejection.reason for rejection in self.rejections]
