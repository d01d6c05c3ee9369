"""Health checks of the library: root folders that are gone or read-only, movies TMDB has removed,
import lists that fail or add into a root folder that is not there."""

import os

from django.utils import timezone

from movies.models import ImportList, Movie, MovieStatus, RootFolder
from radarr.system.health import WIKI, HealthIssue


def root_folder_check() -> list[HealthIssue]:
    """A missing root folder (an unmounted share) or one we cannot write: imports into it will fail."""
    issues = []
    for path in RootFolder.objects.values_list("path", flat=True):
        if not os.path.isdir(path):
            message = (
                f"Root folder {path} is missing. How to fix: mount the disk or share again, "
                "or remove the root folder in Settings → Media Management"
            )
            issues.append(HealthIssue("RootFolderCheck", "error", message, WIKI + "missing-root-folder"))
        elif _looks_unmounted(path):
            message = (
                f"Root folder {path} is empty, but movies there have files: is its disk mounted? Nothing is "
                "marked missing while it is empty. How to fix: mount the disk or share again"
            )
            issues.append(HealthIssue("RootFolderCheck", "error", message, WIKI + "missing-root-folder"))
        elif not os.access(path, os.W_OK | os.X_OK):
            message = (
                f"Root folder {path} is not writable by the user Radarr runs as. How to fix: give that "
                "user write permission on the folder"
            )
            issues.append(HealthIssue("RootFolderCheck", "error", message, WIKI + "missing-root-folder"))
    return issues


def _looks_unmounted(path: str) -> bool:
    """An empty root folder under movies recorded with files: the mount point of an unmounted disk."""
    try:
        with os.scandir(path) as entries:
            if next(entries, None) is not None:
                return False
    except OSError:
        return False
    return Movie.objects.filter(root_folder_path=path, has_file=True).exists()


def removed_movies_check() -> list[HealthIssue]:
    """Movies TMDB no longer knows keep their files but get no new metadata: the user should decide."""
    titles = list(Movie.objects.filter(status=MovieStatus.DELETED).values_list("title", flat=True)[:6])
    if not titles:
        return []
    shown = ", ".join(titles[:5]) + (", ..." if len(titles) > 5 else "")
    message = (
        f"Movies removed from TMDB: {shown}. How to fix: search for a replacement TMDB entry and "
        "re-add them, or delete them from the library"
    )
    return [HealthIssue("RemovedMovieCheck", "error", message, WIKI + "movie-was-removed-from-tmdb")]


def import_list_checks() -> list[HealthIssue]:
    """Radarr's ImportListStatusCheck (enabled lists backed off after failures) and
    ImportListRootFolderCheck (lists adding into a root folder that is missing), from one read."""
    now = timezone.now()
    enabled = list(ImportList.objects.filter(enabled=True).order_by("name"))
    issues = []
    failing = [row.name for row in enabled if row.is_backed_off(now)]
    anchor = WIKI + "lists-are-unavailable-due-to-failures"
    if failing and len(failing) == len(enabled):
        issues.append(
            HealthIssue("ImportListStatusCheck", "error", "All lists are unavailable due to failures", anchor)
        )
    elif failing:
        message = f"Lists unavailable due to failures: {', '.join(failing)}"
        issues.append(HealthIssue("ImportListStatusCheck", "warning", message, anchor))
    missing = sorted(
        {row.root_folder_path for row in enabled if row.enable_auto and row.root_folder_path}
        - {path for path in RootFolder.objects.values_list("path", flat=True) if os.path.isdir(path)}
    )
    for path in missing:
        names = ", ".join(row.name for row in enabled if row.root_folder_path == path)
        message = f"Missing root folder for import list(s): {path} ({names})"
        issues.append(
            HealthIssue(
                "ImportListRootFolderCheck", "error", message, WIKI + "import-list-missing-root-folder"
            )
        )
    return issues
