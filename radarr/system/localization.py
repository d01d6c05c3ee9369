"""The words of our interface under Radarr's localization keys: GET /api/v3/localization serves them, so a
client that labels things the way Radarr's UI does (Bazarr, dashboards) reads ours. English only."""

# Radarr's keys; the values are the labels our pages show (a test keeps the main menu in step)
STRINGS: dict[str, str] = {
    "Activity": "Activity",
    "AddMovie": "Add Movie",
    "AddNewMovie": "Add New Movie",
    "Backup": "Backup",
    "Blocklist": "Blocklist",
    "Calendar": "Calendar",
    "Collections": "Collections",
    "Connect": "Connect",
    "CustomFormats": "Custom Formats",
    "CutoffUnmet": "Cutoff Unmet",
    "Dashboard": "Dashboard",
    "DelayProfiles": "Delay Profiles",
    "DownloadClients": "Download Clients",
    "Events": "Events",
    "General": "General",
    "Health": "Health",
    "History": "History",
    "ImportLists": "Import Lists",
    "Indexers": "Indexers",
    "LibraryImport": "Library Import",
    "Logs": "Logs",
    "LogOut": "Log out",
    "ManualImport": "Manual Import",
    "MassMovieSearch": "Mass Movie Search",
    "MediaManagement": "Media Management",
    "Metadata": "Metadata",
    "Missing": "Missing",
    "Movies": "Movies",
    "MovieEditor": "Movie Editor",
    "Parse": "Parse",
    "Profiles": "Profiles",
    "Quality": "Quality",
    "QualityProfiles": "Quality Profiles",
    "Queue": "Queue",
    "ReleaseProfiles": "Release Profiles",
    "RootFolders": "Root Folders",
    "SceneGroups": "Scene Groups",
    "Settings": "Settings",
    "Status": "Status",
    "System": "System",
    "Tags": "Tags",
    "Tasks": "Tasks",
    "UI": "UI",
    "Updates": "Updates",
    "Wanted": "Wanted",
}
LANGUAGE_IDENTIFIER = "en"  # the only language the interface speaks


def localization_resource() -> dict[str, dict[str, str]]:
    """Radarr's shape: the dictionary under `Strings`, keys written as they are (not camelCased)."""
    return {"Strings": STRINGS}
