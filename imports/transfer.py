"""Putting one file into the library without ever losing it.

Every transfer writes to a hidden temporary name in the destination folder and then links that name into
place, which fails instead of overwriting when the destination name is taken (a clash-free name is chosen
first). A hardlink is tried when allowed (same filesystem, the source keeps seeding); otherwise the file is
copied and the copy's size checked; a move deletes the source only after the copy is complete. Any
failure removes our temporary file and leaves the source and every library file as they were.
"""

import errno
import grp
import logging
import os
import shutil
import uuid
from pathlib import Path

logger = logging.getLogger(__name__)

HARDLINK = "hardlink"  # hardlink when possible, else copy (the source stays)
COPY = "copy"
MOVE = "move"


class TransferError(Exception):
    """The file could not be put in place; the source and the destination folder are untouched."""


def clash_free(path: Path) -> Path:
    """`path`, or `name (2).ext`, `name (3).ext`... the first that does not exist."""
    candidate, number = path, 1
    while candidate.exists() or candidate.is_symlink():
        number += 1
        candidate = path.with_name(f"{path.stem} ({number}){path.suffix}")
    return candidate


def _temporary(destination: Path) -> Path:
    return destination.with_name(f".{destination.name}.{uuid.uuid4().hex[:8]}.partial")


def _link_into_place(temporary: Path, destination: Path) -> Path:
    """Give the finished temporary file its final name without overwriting anything; the final path."""
    for _attempt in range(20):
        try:
            os.link(temporary, destination)  # atomic and refuses an existing name
        except FileExistsError:
            destination = clash_free(destination)
            continue
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK):
                raise
            if destination.exists():  # a filesystem without hardlinks: check, then rename
                destination = clash_free(destination)
            os.replace(temporary, destination)
            return destination
        temporary.unlink()
        return destination
    raise TransferError(f"No free name for {destination}")


def _copy_verified(source: Path, temporary: Path) -> None:
    with source.open("rb") as reader, temporary.open("xb") as writer:
        shutil.copyfileobj(reader, writer, 1024 * 1024)
        writer.flush()
        os.fsync(writer.fileno())
    shutil.copystat(source, temporary)
    expected, copied = source.stat().st_size, temporary.stat().st_size
    if expected != copied:
        raise TransferError(f"Copy of {source} has {copied} bytes, expected {expected}")


def _set_group(path: Path, group: str) -> None:
    """Give the file the group Media Management names (a name or a number); a group that cannot be set is
    logged and the import goes on, as Radarr's chown does (the file is in place and readable)."""
    try:
        gid = int(group) if group.isdigit() else grp.getgrnam(group).gr_gid
        os.chown(path, -1, gid)
    except (KeyError, OSError) as error:
        logger.warning("Could not set group '%s' on %s: %s", group, path, error)


def transfer_file(
    source: Path, destination: Path, *, mode: str = MOVE, chmod: int | None = None, group: str | None = None
) -> Path:
    """Put `source` at `destination` (or a clash-free variant of it) and return where it landed.

    `mode` is HARDLINK (falls back to a copy across filesystems), COPY or MOVE (the source is deleted only
    once the copy is in place); `chmod` and `group` are Media Management's permissions, set before the
    file takes its name. Raises TransferError and leaves everything as it was on any failure.
    """
    source, destination = Path(source), Path(destination)
    if not source.is_file():
        raise TransferError(f"{source} does not exist or is not a file")
    temporary: Path | None = None
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        temporary = _temporary(destination)
        how = "copied"
        if mode in (HARDLINK, MOVE):
            try:
                os.link(source, temporary)
                how = "hardlinked" if mode == HARDLINK else "moved"
            except OSError as error:
                logger.debug("Hardlink of %s not possible (%s), copying", source, error.strerror)
        if not temporary.exists():
            _copy_verified(source, temporary)
        if chmod is not None:
            os.chmod(temporary, chmod)
        if group:
            _set_group(temporary, group)
        final = _link_into_place(temporary, clash_free(destination))
    except (OSError, TransferError) as error:
        if temporary is not None and temporary.exists():
            temporary.unlink(missing_ok=True)
        message = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise TransferError(f"Could not put {source.name} into {destination.parent}: {message}") from error
    if mode == MOVE:
        try:
            source.unlink()
        except OSError as error:  # the library copy is complete: a leftover source is only clutter
            logger.warning("Imported %s but could not delete the source: %s", source, error.strerror)
    logger.info("%s %s to %s", how.capitalize(), source, final)
    return final
