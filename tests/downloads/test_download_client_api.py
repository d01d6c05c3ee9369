"""v3 /downloadclient, /config/downloadclient and /remotepathmapping in Radarr's shapes."""

import pytest

from downloads.models import DownloadClient, RemotePathMapping
from radarr.models import Tag

pytestmark = pytest.mark.django_db


def blackhole_body(tmp_path, **overrides):
    body = {
        "name": "Watch",
        "implementation": "TorrentBlackhole",
        "configContract": "TorrentBlackholeSettings",
        "enable": True,
        "priority": 1,
        "fields": [
            {"name": "torrentFolder", "value": str(tmp_path)},
            {"name": "watchFolder", "value": str(tmp_path)},
        ],
        "tags": [],
    }
    return {**body, **overrides}


def sabnzbd_row(**settings) -> DownloadClient:
    values = {"host": "127.0.0.1", "port": 9, "apiKey": "secret-key", "movieCategory": "movies", **settings}
    return DownloadClient.objects.create(
        name="SAB", implementation="Sabnzbd", protocol="usenet", settings=values
    )


def test_schema_lists_every_implementation_with_radarr_field_names(api_client):
    schema = api_client.get("/api/v3/downloadclient/schema").json()

    by_name = {item["implementation"]: item for item in schema}
    assert set(by_name) >= {"QBittorrent", "Transmission", "Deluge", "Sabnzbd", "Nzbget", "TorrentBlackhole"}
    qbittorrent = by_name["QBittorrent"]
    assert qbittorrent["protocol"] == "torrent"
    assert qbittorrent["configContract"] == "QBittorrentSettings"
    names = [field["name"] for field in qbittorrent["fields"]]
    assert names[:8] == ["host", "port", "useSsl", "urlBase", "username", "password", "movieCategory",
                         "movieImportedCategory"]  # fmt: skip
    assert {
        "recentMoviePriority",
        "olderMoviePriority",
        "initialState",
        "sequentialOrder",
        "firstAndLast",
    } <= set(names)
    assert by_name["Sabnzbd"]["fields"][4]["privacy"] == "apiKey"


def test_create_tests_the_client_and_answers_201_with_the_resource(api_client, tmp_path):
    response = api_client.post(
        "/api/v3/downloadclient", blackhole_body(tmp_path), content_type="application/json"
    )

    assert response.status_code == 201
    body = response.json()
    assert body["id"] > 0
    assert body["protocol"] == "torrent"
    assert body["implementationName"] == "Torrent Blackhole"
    assert {field["name"]: field["value"] for field in body["fields"]}["torrentFolder"] == str(tmp_path)
    assert body["removeCompletedDownloads"] is True


def test_a_failing_test_refuses_the_create_unless_force_save(api_client, tmp_path):
    body = blackhole_body(tmp_path, fields=[{"name": "torrentFolder", "value": str(tmp_path / "missing")},
                                            {"name": "watchFolder", "value": str(tmp_path)}])  # fmt: skip

    refused = api_client.post("/api/v3/downloadclient", body, content_type="application/json")
    forced = api_client.post("/api/v3/downloadclient?forceSave=true", body, content_type="application/json")

    assert refused.status_code == 400
    assert refused.json()[0]["propertyName"] == "torrentFolder"
    assert forced.status_code == 201


def test_secrets_are_masked_and_kept_when_sent_back_masked(api_client):
    client = sabnzbd_row()

    resource = api_client.get(f"/api/v3/downloadclient/{client.pk}").json()
    fields = {field["name"]: field["value"] for field in resource["fields"]}
    assert fields["apiKey"] == "********"
    resource["enable"] = False  # a disabled client is saved without a test
    resource["name"] = "SABnzbd"
    response = api_client.put(
        f"/api/v3/downloadclient/{client.pk}", resource, content_type="application/json"
    )

    assert response.status_code == 202
    client.refresh_from_db()
    assert client.settings["apiKey"] == "secret-key"
    assert client.name == "SABnzbd"


def test_put_takes_the_id_from_the_body(api_client):
    client = sabnzbd_row()
    resource = api_client.get(f"/api/v3/downloadclient/{client.pk}").json()
    resource["priority"] = 7

    response = api_client.put(
        "/api/v3/downloadclient?forceSave=true", resource, content_type="application/json"
    )

    assert response.status_code == 202
    assert response.json()["priority"] == 7


def test_names_must_be_unique_and_priority_within_1_to_50(api_client, tmp_path):
    sabnzbd_row()
    body = blackhole_body(tmp_path, name="sab", priority=51)

    response = api_client.post("/api/v3/downloadclient?forceSave=true", body, content_type="application/json")

    assert response.status_code == 400
    assert {failure["propertyName"] for failure in response.json()} == {"name", "priority"}


def test_list_costs_the_same_queries_for_many_clients(api_client, django_assert_max_num_queries):
    tag = Tag.objects.create(label="4k")
    for number in range(10):
        client = DownloadClient.objects.create(
            name=f"Client {number}", implementation="Transmission", protocol="torrent", settings={}
        )
        client.tags.add(tag)

    with django_assert_max_num_queries(2):
        response = api_client.get("/api/v3/downloadclient")

    assert len(response.json()) == 10
    assert response.json()[0]["tags"] == [tag.pk]


def test_missing_client_is_404_and_delete_answers_200(api_client):
    client = sabnzbd_row()

    assert api_client.get("/api/v3/downloadclient/999").status_code == 404
    assert api_client.delete(f"/api/v3/downloadclient/{client.pk}").status_code == 200
    assert not DownloadClient.objects.exists()


def test_bulk_edit_replaces_tags_and_priority_and_bulk_delete_removes(api_client):
    first, second = (
        sabnzbd_row(),
        DownloadClient.objects.create(name="NZBGet", implementation="Nzbget", protocol="usenet", settings={}),
    )
    tag = Tag.objects.create(label="kids")
    body = {
        "ids": [first.pk, second.pk],
        "tags": [tag.pk],
        "applyTags": "replace",
        "priority": 5,
        "enable": False,
    }

    edited = api_client.put("/api/v3/downloadclient/bulk", body, content_type="application/json")
    deleted = api_client.delete(
        "/api/v3/downloadclient/bulk", {"ids": [first.pk]}, content_type="application/json"
    )

    assert edited.status_code == 202
    assert [(item["priority"], item["enable"], item["tags"]) for item in edited.json()] == [
        (5, False, [tag.pk])
    ] * 2
    assert deleted.status_code == 200
    assert list(DownloadClient.objects.values_list("pk", flat=True)) == [second.pk]


def test_test_endpoint_reports_a_client_that_is_down(api_client):
    body = {"name": "SAB", "implementation": "Sabnzbd", "enable": True,
            "fields": [{"name": "host", "value": "127.0.0.1"}, {"name": "port", "value": 9},
                       {"name": "apiKey", "value": "x"}]}  # fmt: skip

    response = api_client.post("/api/v3/downloadclient/test", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == "host"
    assert "Unable to connect to SABnzbd" in response.json()[0]["errorMessage"]


def test_testall_answers_one_result_per_client(api_client):
    client = sabnzbd_row()

    results = api_client.post("/api/v3/downloadclient/testall").json()

    assert results[0]["id"] == client.pk
    assert results[0]["isValid"] is False
    assert results[0]["validationFailures"][0]["propertyName"] == "host"


def test_config_has_radarr_defaults_and_takes_put_without_id(api_client):
    defaults = api_client.get("/api/v3/config/downloadclient").json()

    response = api_client.put(
        "/api/v3/config/downloadclient",
        {**defaults, "autoRedownloadFailed": False},
        content_type="application/json",
    )

    assert defaults["enableCompletedDownloadHandling"] is True
    assert defaults["downloadClientWorkingFolders"] == "_UNPACK_|_FAILED_"
    assert defaults["checkForFinishedDownloadInterval"] == 1
    assert response.status_code == 202
    assert api_client.get("/api/v3/config/downloadclient/1").json()["autoRedownloadFailed"] is False


def test_remote_path_mappings_are_created_listed_and_refused_twice(api_client):
    body = {"host": "nas", "remotePath": "/downloads", "localPath": "/mnt/nas/downloads"}

    created = api_client.post("/api/v3/remotepathmapping", body, content_type="application/json")
    again = api_client.post("/api/v3/remotepathmapping", body, content_type="application/json")

    assert created.status_code == 201
    assert created.json() == {"host": "nas", "remotePath": "/downloads/", "localPath": "/mnt/nas/downloads/",
                              "id": created.json()["id"]}  # fmt: skip
    assert again.status_code == 400
    assert api_client.get("/api/v3/remotepathmapping").json() == [created.json()]
    mapping_id = created.json()["id"]
    assert api_client.delete(f"/api/v3/remotepathmapping/{mapping_id}").status_code == 200
    assert not RemotePathMapping.objects.exists()
