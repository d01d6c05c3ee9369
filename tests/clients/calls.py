"""What the real-client tests share: the list of calls waiting for routes other work brings, and the
one way such a call is marked."""

import pytest

# Client calls whose routes land with work merged after this test (each reason names it). Marked
# xfail(strict=False): they pass once that work is merged, and the lead then deletes the line.
PENDING_ROUTES: dict[str, str] = {}


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
PENDING_BUILDARR_ROUTES: dict[str, str] = {}


def pending(call: str) -> list[pytest.MarkDecorator]:
    reason = PENDING_ROUTES.get(call)
    return [pytest.mark.xfail(reason=reason, strict=False)] if reason else []


def case(call: str) -> object:
    """A parametrize case named `call`, marked xfail when its route is pending."""
    return pytest.param(call, id=call, marks=pending(call))
