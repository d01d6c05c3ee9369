"""Moving in from a stand-in answering the captured Radarr API bodies of ../shared/fixtures/radarr-api
(client libraries' fixtures: real shapes, placeholder values). Every section reads them without
failing, and what cannot be taken is reported with a reason, never written half."""

import json
from typing import Any

import pytest

from imports.fromradarr.run import SECTIONS, import_radarr
from movies.models import Movie
from releases.models import QualityProfile
from tests.imports.radarrsource import StandInRadarr
from tests.shared import SHARED_FIXTURES, requires_shared

pytestmark = [pytest.mark.django_db, requires_shared]

CAPTURED = SHARED_FIXTURES / "radarr-api"
# v3 path → captured body (a single object where a list is answered is served as a list of one)
BODIES = {
    "system/status": "aiopyarr/common/system-status.json",
    "tag": "aiopyarr/common/tag.json",
    "qualitydefinition": "aiopyarr/common/qualitydefinition.json",
    "qualityprofile": "pyarr/common/qualityprofileall.json",
    "delayprofile": "aiopyarr/common/delayprofile.json",
    "rootfolder": "pyarr/common/rootfolder.json",
    "config/naming": "aiopyarr/radarr/config-naming.json",
    "config/mediamanagement": "aiopyarr/common/config-mediamanagement.json",
    "remotepathmapping": "aiopyarr/common/remotepathmapping.json",
    "downloadclient": "aiopyarr/common/downloadclient.json",
    "indexer": "pyarr/radarr/indexer_all.json",
    "releaseprofile": "aiopyarr/common/releaseprofile.json",
    "notification": "aiopyarr/radarr/notification.json",
    "metadata": "aiopyarr/common/metadata.json",
    "importlist": "aiopyarr/radarr/importlist.json",
    "exclusions": "aiopyarr/common/exclusions.json",
    "config/ui": "aiopyarr/common/config-ui.json",
    "config/host": "aiopyarr/common/config-host.json",
    "movie": "pyarr/radarr/movie_all.json",
    "history": "aiopyarr/radarr/history.json",
    "blocklist": "aiopyarr/radarr/blocklist.json",
}
OBJECTS = ("system/status", "config/naming", "config/mediamanagement", "config/ui", "config/host")


def _body(path: str) -> Any:
    body = json.loads((CAPTURED / BODIES[path]).read_text())
    if path in ("history", "blocklist"):
        return body["records"]
    if path not in OBJECTS and isinstance(body, dict):
        return [body]
    return body


@pytest.fixture
def captured_source() -> StandInRadarr:
    missing = [file for file in BODIES.values() if not (CAPTURED / file).is_file()]
    if missing:
        pytest.skip(f"captured bodies missing from {CAPTURED}: {', '.join(missing)}")
    server = StandInRadarr()
    server.serve_all({path: _body(path) for path in BODIES})
    server.serve("customformat", [])  # none captured
    server.start()
    yield server
    server.stop()


def test_every_section_reads_the_captured_bodies(captured_source):
    report = import_radarr(captured_source.url, captured_source.API_KEY)

    assert report.succeeded, [(section.name, section.error) for section in report.sections if section.error]
    assert [section.status for section in report.sections] == ["done"] * len(SECTIONS)
    profiles = next(section for section in report.sections if section.name == "Quality profiles")
    assert profiles.imported + profiles.updated == profiles.found == 4  # their unknown qualities left out
    assert all("qualities unknown here" in notice.message for notice in profiles.notices)
    assert QualityProfile.objects.filter(name="HD - All").exists()
    movies = next(section for section in report.sections if section.name == "Movies")
    assert movies.found == len(_body("movie"))
    # what was not taken says why: every skip has a reason, every refused item a notice
    for section in report.sections:
        assert section.skipped == sum(section.skip_reasons.values()), section.name


def test_a_dry_run_over_the_captured_bodies_writes_nothing(captured_source):
    profiles = QualityProfile.objects.count()

    report = import_radarr(captured_source.url, captured_source.API_KEY, dry_run=True)

    assert report.succeeded
    assert QualityProfile.objects.count() == profiles and not Movie.objects.exists()


def test_the_captured_masked_secrets_are_never_saved_as_the_mask(captured_source):
    import_radarr(captured_source.url, captured_source.API_KEY)

    from downloads.models import DownloadClient
    from indexers.models import Indexer

    for row in [*DownloadClient.objects.all(), *Indexer.objects.all()]:
        assert "********" not in json.dumps(row.settings), row.name
