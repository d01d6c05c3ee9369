"""What a download folder holds: the video files to import and anything that stops the import.

Archives mean the download is not extracted yet (wait, do not fail); executables and dangerous files
block the import with Radarr's caution; working folders (`_UNPACK_`, `_FAILED_`, `.unwanted`) are not
read at all. Samples are kept as candidates here and rejected by the specifications with a reason.
"""

import os
from dataclasses import dataclass, field
from pathlib import Path

import regex

from movies.scanning import is_video_file

ARCHIVE_EXTENSIONS = frozenset({".rar", ".zip", ".7z", ".gz", ".tar", ".tgz", ".bz2", ".xz", ".001"})
_SPLIT_RAR = regex.compile(r"\.(?:r\d{2}|part\d+\.rar|\d{3})$", regex.IGNORECASE)
DANGEROUS_EXTENSIONS = frozenset({".arj", ".lnk", ".lzh", ".ps1", ".scr", ".vbs", ".zipx"})
EXECUTABLE_EXTENSIONS = frozenset({".bat", ".cmd", ".exe", ".sh", ".com", ".msi", ".jar", ".vbe", ".wsf"})
WORKING_FOLDERS = regex.compile(r"^(?:_UNPACK_|_FAILED_|\.unwanted)", regex.IGNORECASE)
_HIDDEN_OR_SYSTEM = regex.compile(
    r"^\._|^thumbs\.db$|^\.ds_store$|\.partial~$|^\..*\.partial$", regex.IGNORECASE
)
_MULTI_PART = regex.compile(
    r"(?:^|[\W_])(?:cd|dvd|part|pt|disk|disc)[\W_]*[1-9](?:[\W_]|$)", regex.IGNORECASE
)


@dataclass(slots=True)
class FolderContents:
    videos: list[Path] = field(default_factory=list)
    archives: list[Path] = field(default_factory=list)
    dangerous: list[Path] = field(default_factory=list)
    executables: list[Path] = field(default_factory=list)
    working_folders: list[Path] = field(default_factory=list)

    def blocking_message(self) -> str:
        """Radarr's caution when the folder holds something that must not be imported blindly."""
        if self.dangerous:
            return f"Caution: Found potentially dangerous file with extension: {self.dangerous[0].suffix}"
        if self.executables:
            return f"Caution: Found executable file with extension: '{self.executables[0].suffix}'"
        return ""

    def waiting_message(self) -> str:
        """Why the import should wait and be retried, or ""."""
        if self.working_folders:
            return f"Files are still being unpacked ({self.working_folders[0].name})"
        if self.archives and not self.videos:
            return "Found archive file, might need to be extracted"
        return ""


def is_archive(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARCHIVE_EXTENSIONS or bool(_SPLIT_RAR.search(name))


def is_multi_part(name: str) -> bool:
    return bool(_MULTI_PART.search(os.path.splitext(name)[0]))


def scan_folder(folder: Path) -> FolderContents:
    """Sort what is under `folder` (or the single file `folder` names)."""
    contents = FolderContents()
    folder = Path(folder)
    if folder.is_file():
        _sort(folder, contents)
        return contents
    for current, subfolders, names in os.walk(folder):
        working = [name for name in subfolders if WORKING_FOLDERS.match(name)]
        contents.working_folders.extend(Path(current) / name for name in working)
        subfolders[:] = sorted(
            name for name in subfolders if name not in working and not name.startswith(".")
        )
        for name in sorted(names):
            _sort(Path(current) / name, contents)
    return contents


def _sort(path: Path, contents: FolderContents) -> None:
    name = path.name
    suffix = path.suffix.lower()
    if _HIDDEN_OR_SYSTEM.search(name):
        return
    if is_video_file(name):
        contents.videos.append(path)
    elif is_archive(name):
        contents.archives.append(path)
    elif suffix in DANGEROUS_EXTENSIONS:
        contents.dangerous.append(path)
    elif suffix in EXECUTABLE_EXTENSIONS:
        contents.executables.append(path)
