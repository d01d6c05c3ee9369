"""/api/v3/filesystem, /filesystem/type and /filesystem/mediafiles: the folder browser Radarr's UI and
Bazarr use, limited to what the server's user may read, never a 5xx."""

import os

import pytest

pytestmark = pytest.mark.django_db


def test_a_folder_lists_its_sub_folders_with_trailing_slashes_and_its_parent(api_client, tmp_path):
    (tmp_path / "Movies").mkdir()
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "note.txt").write_text("x")

    body = api_client.get("/api/v3/filesystem", {"path": f"{tmp_path}/"}).json()

    assert body["parent"] == f"{tmp_path.parent}/"
    assert [(d["name"], d["path"], d["type"]) for d in body["directories"]] == [
        ("Downloads", f"{tmp_path}/Downloads/", "folder"),
        ("Movies", f"{tmp_path}/Movies/", "folder"),
    ]
    assert body["files"] == []


def test_files_are_listed_when_asked(api_client, tmp_path):
    (tmp_path / "movie.mkv").write_bytes(b"x" * 10)

    body = api_client.get("/api/v3/filesystem", {"path": f"{tmp_path}/", "includeFiles": "true"}).json()

    (entry,) = body["files"]
    assert (entry["name"], entry["path"], entry["extension"], entry["size"]) == (
        "movie.mkv",
        f"{tmp_path}/movie.mkv",
        ".mkv",
        10,
    )
    assert entry["type"] == "file" and entry["lastModified"].endswith("Z")


def test_a_path_without_a_trailing_slash_lists_its_parent_unless_folders_without_slashes_are_allowed(
    api_client, tmp_path
):
    (tmp_path / "Movies" / "Inside").mkdir(parents=True)

    typed = api_client.get("/api/v3/filesystem", {"path": f"{tmp_path}/Movies"}).json()
    allowed = api_client.get(
        "/api/v3/filesystem", {"path": f"{tmp_path}/Movies", "allowFoldersWithoutTrailingSlashes": "true"}
    ).json()

    assert [d["name"] for d in typed["directories"]] == ["Movies"]
    assert [d["name"] for d in allowed["directories"]] == ["Inside"]


def test_the_root_lists_the_top_level_folders(api_client):
    for path in ("/", ""):
        body = api_client.get("/api/v3/filesystem", {"path": path}).json()

        assert "parent" not in body  # nothing above "/"
        assert {d["path"] for d in body["directories"]} >= {"/tmp/", "/usr/"}


@pytest.mark.parametrize(
    "path", ["/does/not/exist/", "relative/path/", "/" + "x" * 5000 + "/", "/etc/passwd/"]
)
def test_a_path_that_cannot_be_listed_answers_an_empty_listing(api_client, path):
    response = api_client.get("/api/v3/filesystem", {"path": path})

    assert response.status_code == 200
    assert response.json()["directories"] == [] and response.json()["files"] == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root may open every folder")
def test_folders_the_server_cannot_open_are_left_out(api_client, tmp_path):
    (tmp_path / "open").mkdir()
    closed = tmp_path / "closed"
    closed.mkdir()
    closed.chmod(0)
    try:
        body = api_client.get("/api/v3/filesystem", {"path": f"{tmp_path}/"}).json()
        inside = api_client.get("/api/v3/filesystem", {"path": f"{closed}/"})
    finally:
        closed.chmod(0o700)

    assert [d["name"] for d in body["directories"]] == ["open"]
    assert inside.status_code == 200 and inside.json()["directories"] == []


def test_the_special_folders_of_file_servers_are_hidden(api_client, tmp_path):
    for name in ("lost+found", "@eaDir", "$RECYCLE.BIN", "Movies"):
        (tmp_path / name).mkdir()

    body = api_client.get("/api/v3/filesystem", {"path": f"{tmp_path}/"}).json()

    assert [d["name"] for d in body["directories"]] == ["Movies"]


def test_the_type_of_a_path_is_file_only_for_an_existing_file(api_client, tmp_path):
    (tmp_path / "a.mkv").write_bytes(b"x")

    kinds = [
        api_client.get("/api/v3/filesystem/type", {"path": path}).json()["type"]
        for path in (str(tmp_path / "a.mkv"), str(tmp_path), "/nothing/here", "")
    ]

    assert kinds == ["file", "folder", "folder", "folder"]


def test_media_files_are_the_videos_under_a_folder(api_client, tmp_path):
    (tmp_path / "Sub").mkdir()
    (tmp_path / "Sub" / "Movie.2020.1080p.mkv").write_bytes(b"x")
    (tmp_path / "Movie.2020.720p.mp4").write_bytes(b"x")
    (tmp_path / "notes.nfo").write_text("x")

    body = api_client.get("/api/v3/filesystem/mediafiles", {"path": str(tmp_path)}).json()

    assert sorted((f["relativePath"], f["name"], f["path"]) for f in body) == [
        ("Movie.2020.720p.mp4", "Movie.2020.720p.mp4", f"{tmp_path}/Movie.2020.720p.mp4"),
        ("Sub/Movie.2020.1080p.mkv", "Movie.2020.1080p.mkv", f"{tmp_path}/Sub/Movie.2020.1080p.mkv"),
    ]


@pytest.mark.parametrize("path", ["/does/not/exist", ""])
def test_media_files_of_a_missing_folder_are_none(api_client, path):
    response = api_client.get("/api/v3/filesystem/mediafiles", {"path": path})

    assert response.status_code == 200 and response.json() == []


@pytest.mark.parametrize(
    "endpoint", ["/api/v3/filesystem", "/api/v3/filesystem/type", "/api/v3/filesystem/mediafiles"]
)
def test_a_nul_in_the_path_is_bad_input(api_client, endpoint):
    response = api_client.get(endpoint, {"path": "/tmp/\x00bad/"})

    assert response.status_code == 400
