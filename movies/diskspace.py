"""Free and total space of the disks the library and the data folder live on (Radarr's DiskSpaceService).

Folders on the same disk are shown once, under the disk's mount point, as Radarr does; a folder that is
missing (an unmounted share) is left out rather than reported as an empty disk.
"""

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from movies.models import RootFolder


@dataclass(slots=True)
class DiskSpace:
    path: str  # the mount point
    label: str
    free_space: int
    total_space: int
    folders: list[str] = field(default_factory=list)  # the root folders (and data folder) on this disk

    @property
    def used_fraction(self) -> float:
        return 1 - self.free_space / self.total_space if self.total_space else 0.0


def mount_point(path: str) -> str:
    """The mount point holding `path` (the path itself walked up until a mount is found)."""
    current = os.path.realpath(path)
    while not os.path.ismount(current):
        parent = os.path.dirname(current)
        if parent == current:
            break
        current = parent
    return current


def disk_spaces() -> list[DiskSpace]:
    """One entry per disk holding a root folder or the data folder, in the order first met."""
    folders = [*RootFolder.objects.values_list("path", flat=True), str(Path(settings.DATA_DIR))]
    disks: dict[str, DiskSpace] = {}
    for folder in folders:
        if not os.path.isdir(folder):
            continue
        try:
            usage = shutil.disk_usage(folder)
        except OSError:
            continue
        mount = mount_point(folder)
        if mount not in disks:
            label = os.path.basename(mount.rstrip("/")) or mount
            disks[mount] = DiskSpace(mount, label, usage.free, usage.total)
        disks[mount].folders.append(folder)
    return list(disks.values())


def disk_space_resource(disk: DiskSpace) -> dict[str, object]:
    return {
        "path": disk.path,
        "label": disk.label,
        "freeSpace": disk.free_space,
        "totalSpace": disk.total_space,
    }
