"""What the real-client tests share: the list of calls waiting for routes other work brings, and the
one way such a call is marked."""

import pytest

# Client calls whose routes land with work merged after this test (each reason names it). Marked
# xfail(strict=False): they pass once that work is merged, and the lead then deletes the line.
PENDING_ROUTES: dict[str, str] = {
    # pyarr
    "pyarr custom_filter.get": "lands with wt/api",
    "pyarr update.get": "lands with wt/api",
    "pyarr system.get_routes": "lands with wt/api",
    "pyarr system.get_routes_duplicate": "lands with wt/api",
    "pyarr metadata.get": "lands with wt/metadata",
    "pyarr metadata.get by id": "lands with wt/metadata",
    # radarr-py (one test over all its calls: it xfails while any of these fails)
    **{
        f"radarr-py {call}": "lands with wt/api"
        for call in (
            "AlternativeTitleApi.list_alttitle",
            "AlternativeTitleApi.get_alttitle_by_id",
            "CreditApi.get_credit",
            "CreditApi.get_credit_by_id",
            "CustomFilterApi.list_custom_filter",
            "CustomFilterApi.get_custom_filter_by_id",
            "FileSystemApi.get_file_system",
            "FileSystemApi.get_file_system_type",
            "FileSystemApi.get_file_system_mediafiles",
            "IndexerFlagApi.list_indexer_flag",
            "LocalizationApi.get_localization",
            "LocalizationApi.get_localization_language",
            "SystemApi.get_system_routes",
            "SystemApi.get_system_routes_duplicate",
            "UpdateApi.list_update",
            "UpdateLogFileApi.list_log_file_update",
        )
    },
    **{
        f"radarr-py {call}": "lands with wt/metadata"
        for call in (
            "HostConfigApi.get_host_config",
            "HostConfigApi.get_host_config_by_id",
            "MetadataApi.list_metadata",
            "MetadataApi.list_metadata_schema",
            "MetadataApi.get_metadata_by_id",
            "MetadataConfigApi.get_metadata_config",
            "MetadataConfigApi.get_metadata_config_by_id",
        )
    },
}


# Client calls that fail on Radarr too, each with the Radarr source that shows it; the tests expect
# the same failure from us (the exception name the client raises).
FAILS_ON_RADARR: dict[str, tuple[str, str]] = {
    "pyarr blocklist.get by id": (
        "PyarrMethodNotAllowed",
        "src/Radarr.Api.V3/Blocklist/BlocklistController.cs routes GET only for the paged list and "
        "/blocklist/movie; /blocklist/{id} is [RestDeleteById] alone, so a GET there is a 405",
    ),
    "pyarr backup.get by id": (
        "PyarrMethodNotAllowed",
        "src/Radarr.Api.V3/System/Backup/BackupController.cs: GET lists backups; /system/backup/{id} "
        "is [RestDeleteById] alone",
    ),
    "buildarr with Radarr's default colon replacement": (
        "ValidationError",
        "src/NzbDrone.Core/Organizer/NamingConfig.cs defaults ColonReplacementFormat to Smart; the radarr-py "
        "0.4.0 that buildarr-radarr 0.2.6 pins allows only delete/dash/spaceDash/spaceDashSpace, so "
        "dump-config fails on a default Radarr too. The seeded instance uses dash.",
    ),
    **{
        f"radarr-py MovieLookupApi.list_movie_lookup_{kind}": (
            "ValidationError",
            "src/Radarr.Api.V3/Movies/MovieLookupController.cs: SearchByTmdbId and SearchByImdbId return "
            "one MovieResource (so says Radarr's openapi.json); radarr-py 1.2.0 reads a list and fails on it",
        )
        for kind in ("tmdb", "imdb")
    },
}


# Routes buildarr-radarr reads before it can dump or compare anything: while one answers "No API route
# matches", the buildarr tests xfail with the reason given here.
PENDING_BUILDARR_ROUTES: dict[str, str] = {
    "/api/v3/config/metadata": "lands with wt/metadata",
    "/api/v3/metadata": "lands with wt/metadata",
    "/api/v3/metadata/schema": "lands with wt/metadata",
    "/api/v3/config/host": "lands with wt/metadata",
}


def pending(call: str) -> list[pytest.MarkDecorator]:
    reason = PENDING_ROUTES.get(call)
    return [pytest.mark.xfail(reason=reason, strict=False)] if reason else []


def case(call: str) -> object:
    """A parametrize case named `call`, marked xfail when its route is pending."""
    return pytest.param(call, id=call, marks=pending(call))
