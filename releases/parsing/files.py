"""Media file extensions: which ones the parser strips, and the quality each implies on its own."""

import regex

from releases import qualities as q

# Radarr's MediaFileExtensions: the fallback quality when a name says nothing else.
MEDIA_EXTENSIONS: dict[str, q.Quality] = {
    ".webm": q.UNKNOWN,
    **dict.fromkeys(
        (
            ".m4v",
            ".3gp",
            ".nsv",
            ".ty",
            ".strm",
            ".rm",
            ".rmvb",
            ".m3u",
            ".ifo",
            ".mov",
            ".qt",
            ".divx",
            ".xvid",
            ".bivx",
            ".nrg",
            ".pva",
            ".wmv",
            ".asf",
            ".asx",
            ".ogm",
            ".ogv",
            ".m2v",
            ".avi",
            ".bin",
            ".dat",
            ".dvr-ms",
            ".mpg",
            ".mpeg",
            ".mp4",
            ".avc",
            ".vp3",
            ".svq3",
            ".nuv",
            ".viv",
            ".dv",
            ".fli",
            ".flv",
            ".wpl",
            ".ts",
            ".wtv",
        ),
        q.SDTV,
    ),  # fmt: skip
    ".img": q.DVD,
    ".iso": q.DVD,
    ".vob": q.DVD,
    ".mkv": q.WEBDL_720P,
    ".mk3d": q.WEBDL_720P,
    ".m2ts": q.BLURAY_720P,
}

# Besides media files, usenet names often end in these; they are never part of a release name.
_STRIPPED_EXTENSIONS = frozenset(MEDIA_EXTENSIONS) | {".par2", ".nzb"}

# Radarr only considers a dot and 2-4 letters or digits at the very end an extension.
_STRIPPABLE = frozenset(ext for ext in _STRIPPED_EXTENSIONS if regex.fullmatch(r"\.[a-z0-9]{2,4}", ext))


def remove_file_extension(name: str) -> str:
    """Drop a known media extension; an unknown suffix (".720p", ".DTS") is part of the name."""
    dot = name.rfind(".", len(name) - 5)
    if dot != -1 and name[dot:].lower() in _STRIPPABLE:
        return name[:dot]
    return name


def path_extension(name: str) -> str:
    """The extension as .NET's Path.GetExtension sees it: from the last dot of the last path part."""
    last_part = name.replace("\\", "/").rsplit("/", 1)[-1]
    dot = last_part.rfind(".")
    if dot == -1 or dot == len(last_part) - 1:
        return ""
    return last_part[dot:]


def quality_for_extension(extension: str) -> q.Quality:
    return MEDIA_EXTENSIONS.get(extension.lower(), q.UNKNOWN)
