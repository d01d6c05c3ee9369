"""Moving in from a second instance of this server, a real one: `make run`'s launcher in a process of its
own, with its own data folder and SQLite database, seeded through its own v3 API (tags, custom formats,
a quality profile scoring them, a delay profile, the root folder) and a `manage.py shell` script run
against its data folder (movies with tiny files in real folders, history, the blocklist). The importer
reads it over HTTP into the test database: the library, the profiles, the custom formats and the history
compare equal through both APIs, and no file in its root folder changed."""

import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from imports.fromradarr.run import import_radarr
from movies.models import Movie, MovieFile
from tests.imports.test_from_radarr import _fingerprints
from tests.imports.test_from_radarr_roundtrip import _without_ids
from tests.radarr.launching import REPO, Instance, prepared_instance

pytestmark = pytest.mark.sqlite_pass  # starts its own server process on a database of its own

NO_ONE = "http://127.0.0.1:9"
PROFILE = "HD Movies"
SORTED_BY = ("tmdbId", "name", "sourceTitle", "eventType", "date", "path")
COMPARED = ("movie", "qualityprofile", "customformat", "history", "collection", "delayprofile", "rootfolder")


@dataclass(frozen=True)
class Second:
    instance: Instance
    root: Path
    api_key: str

    @property
    def url(self) -> str:
        return self.instance.base

    def get(self, path: str) -> Any:
        response = self.instance.session.get(f"{self.url}/api/v3/{path}", timeout=30)
        assert response.status_code == 200, (path, response.text)
        return response.json()

    def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        response = self.instance.session.post(f"{self.url}/api/v3/{path}", json=body, timeout=30)
        assert response.status_code == 201, (path, response.text)
        return response.json()


def _title_format(name: str, pattern: str) -> dict[str, Any]:
    return {"name": name, "includeCustomFormatWhenRenaming": False, "specifications": [
        {"name": name, "implementation": "ReleaseTitleSpecification", "negate": False, "required": True,
         "fields": [{"name": "value", "value": pattern}]}]}  # fmt: skip


def _seed_through_the_api(second: Second) -> None:
    kids = second.post("tag", {"label": "kids"})
    uhd = second.post("tag", {"label": "uhd"})
    hdr = second.post("customformat", _title_format("HDR", r"\bHDR\b"))
    x265 = second.post("customformat", _title_format("x265", r"[xh][ .]?265|\bHEVC\b"))
    profile = second.get("qualityprofile/schema")
    for item in profile["items"]:
        item["allowed"] = "quality" in item and item["quality"]["id"] in (3, 7, 9)
    profile.update(name=PROFILE, cutoff=7, upgradeAllowed=True, minFormatScore=-100, cutoffFormatScore=10)
    profile["formatItems"] = [
        {"format": hdr["id"], "name": "HDR", "score": 25},
        {"format": x265["id"], "name": "x265", "score": -50},
    ]
    second.post("qualityprofile", profile)
    second.post(
        "delayprofile",
        {"enableUsenet": True, "enableTorrent": True, "preferredProtocol": "torrent", "usenetDelay": 60,
         "torrentDelay": 0, "bypassIfHighestQuality": True, "order": 1, "tags": [uhd["id"]]},
    )  # fmt: skip
    second.post("rootfolder", {"path": str(second.root)})
    assert {tag["label"] for tag in second.get("tag")} >= {"kids", "uhd"} and kids["id"] != uhd["id"]


@pytest.fixture(scope="module")
def second(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Second]:
    data = tmp_path_factory.mktemp("second-instance")
    root = data / "movies"
    root.mkdir()
    # its own data folder and SQLite database, migrated, periodic tasks a day out; nothing of it reaches
    # the internet (everything but loopback goes to a proxy no one runs)
    instance = prepared_instance(
        data, RADARR_SMALL="true", HTTP_PROXY=NO_ONE, HTTPS_PROXY=NO_ONE, NO_PROXY="127.0.0.1,localhost"
    )
    instance.start()
    try:
        server = Second(instance, root, instance.session.headers["X-Api-Key"])
        _seed_through_the_api(server)
        script = f"from tests.imports.secondinstance import seed; seed({str(root)!r}, {PROFILE!r})"
        subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=REPO,
            env=instance.environment,
            check=True,
        )
        yield server
    finally:
        instance.stop()
        instance.cleanup()


def _names(get) -> dict[str, dict[int, str]]:
    """Each side's ids by what they name: tags by label, profiles and formats by name."""
    return {
        "tag": {tag["id"]: tag["label"] for tag in get("tag")},
        "profile": {profile["id"]: profile["name"] for profile in get("qualityprofile")},
        "format": {custom["id"]: custom["name"] for custom in get("customformat")},
    }


def _compared(get, path: str) -> list[Any]:
    """A resource list as one side answers it, ids replaced by what they name, in a stable order."""
    body = get(f"{path}?pageSize=1000" if path == "history" else path)
    body = body["records"] if path == "history" else body
    items = [{k: v for k, v in item.items() if k != "freeSpace"} for item in _without_ids(body, _names(get))]
    return sorted(items, key=lambda item: repr([item.get(key) for key in SORTED_BY]))


@pytest.mark.django_db
def test_a_library_moves_in_from_a_second_instance_and_compares_equal(second, api_client):
    files_before = _fingerprints(second.root)
    assert len(files_before) == 4  # three films and Ronin's .nfo

    report = import_radarr(second.url, second.api_key)

    assert report.succeeded, report.as_json()
    assert Movie.objects.count() == 4 and MovieFile.objects.count() == 3

    def here(path: str) -> Any:
        response = api_client.get(f"/api/v3/{path}")
        assert response.status_code == 200, (path, response.content)
        return response.json()

    for path in COMPARED:
        assert _compared(here, path) == _compared(second.get, path), path
    movies = {movie["title"]: movie for movie in here("movie")}
    arrival = movies["Arrival"]["movieFile"]  # its formats matched here again, scored by the profile
    assert [custom["name"] for custom in arrival["customFormats"]] == ["HDR"]
    assert arrival["customFormatScore"] == 25
    assert not movies["Ronin"]["hasFile"] and movies["Heat"]["tags"]
    assert _fingerprints(second.root) == files_before  # no file moved, renamed, copied, touched or deleted
    assert len(second.get("movie")) == 4  # the source still answers, its library as it was

    again = import_radarr(second.url, second.api_key)  # a second run finds everything here

    assert again.succeeded, again.as_json()
    counts = {section.name: (section.imported, section.skip_reasons) for section in again.sections}
    assert counts["Movies"] == counts["Movie files"] == counts["Custom formats"] == (0, {})
    assert counts["History"] == (0, {"already here": 6})
    for path in COMPARED:
        assert _compared(here, path) == _compared(second.get, path), path
