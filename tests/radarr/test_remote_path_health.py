"""Remote path mapping and download-folder health checks, against the SABnzbd stand-in.

SABnzbd reports where it puts downloads (`get_config`: the complete folder and the category's folder)
and where each finished download is (`history`); the checks look for those paths on this machine.
"""

import json
import os

import pytest

from downloads.health import download_client_root_folder_check, remote_path_mapping_check
from downloads.models import RemotePathMapping
from movies.models import RootFolder
from radarr.system.health import SCHEDULED_CHECKS
from tests.downloads.factories import blackhole, sabnzbd
from tests.downloads.sabfake import SabFake

pytestmark = pytest.mark.django_db


@pytest.fixture
def sab(fake_server):
    return SabFake(fake_server)


def reports_folder(sab: SabFake, complete_dir: str, category_dir: str = "movies") -> None:
    """SABnzbd's answer to get_config: its complete folder and the `movies` category's folder in it."""
    config = {"misc": {"complete_dir": complete_dir}, "categories": [{"name": "movies", "dir": category_dir}]}
    sab.server.add("/api", query={"mode": "get_config"}, body=json.dumps({"config": config}))


def messages(issues) -> list[str]:
    return [issue.message for issue in issues]


def test_both_checks_run_with_the_slow_checks():
    assert "downloads.health.remote_path_mapping_check" in SCHEDULED_CHECKS
    assert "downloads.health.download_client_root_folder_check" in SCHEDULED_CHECKS


def test_a_download_folder_missing_here_suggests_a_remote_path_mapping(sab, tmp_path):
    container_path = tmp_path / "only-inside-the-container" / "complete"
    reports_folder(sab, str(container_path))
    sabnzbd(sab.server.url, name="SAB box")

    issues = remote_path_mapping_check()

    assert [(issue.source, issue.level) for issue in issues] == [("RemotePathMappingCheck", "error")]
    message = issues[0].message
    assert message.startswith(f"SAB box reports its download folder at {container_path}/movies")
    assert "does not exist here" in message
    assert (
        "How to fix: if the client runs in a container, add a remote path mapping for host 127.0.0.1"
        in message
    )
    assert issues[0].wiki_url.endswith("#bad-remote-path-mapping")


def test_a_mapping_whose_local_folder_is_missing_is_named(sab, tmp_path):
    reports_folder(sab, "/downloads/complete")
    sabnzbd(sab.server.url)
    missing = tmp_path / "not-mounted"
    RemotePathMapping.objects.create(host="127.0.0.1", remote_path="/downloads/", local_path=f"{missing}/")

    (issue,) = remote_path_mapping_check()

    assert f"the remote path mapping /downloads/ → {missing}/ leads there" in issue.message
    assert "How to fix: correct the mapping's local path" in issue.message


def test_a_mapping_to_an_existing_folder_is_healthy(sab, tmp_path):
    (tmp_path / "complete" / "movies").mkdir(parents=True)
    reports_folder(sab, "/downloads/complete")
    sabnzbd(sab.server.url)
    RemotePathMapping.objects.create(host="127.0.0.1", remote_path="/downloads/", local_path=f"{tmp_path}/")
    (tmp_path / "complete" / "movies" / "Arrival.2016").mkdir()
    sab.finished("nzo_1", "Arrival.2016", storage="/downloads/complete/movies/Arrival.2016")

    assert remote_path_mapping_check() == []


def test_a_completed_download_missing_here_is_reported_when_the_folder_is_fine(sab, tmp_path):
    reports_folder(sab, str(tmp_path), category_dir="")
    sabnzbd(sab.server.url, name="SAB box")
    sab.finished("nzo_1", "Gone.2016", storage="/elsewhere/movies/Gone.2016")
    sab.finished("nzo_2", "Broken.2016", storage="/elsewhere/movies/Broken.2016", status="Failed")

    issues = remote_path_mapping_check()

    assert messages(issues) == [
        "SAB box reports a completed download at /elsewhere/movies/Gone.2016, which does not exist here. "
        "How to fix: if the client runs in a container, add a remote path mapping for host 127.0.0.1 "
        "(Settings → Download Clients) from the client's path to where this machine sees the same folder; "
        "otherwise make sure the folder exists and may be read"
    ]


def test_a_windows_path_from_a_client_on_windows_is_not_a_path_here(sab):
    reports_folder(sab, "D:\\Usenet\\complete", category_dir="")
    sabnzbd(sab.server.url, name="Windows SAB")

    (issue,) = remote_path_mapping_check()

    assert issue.message.startswith(
        "Windows SAB reports its download folder at D:\\Usenet\\complete, which is not"
    )


def test_a_client_that_does_not_answer_is_left_to_the_download_client_check():
    sabnzbd("http://127.0.0.1:9")

    assert remote_path_mapping_check() == [] and download_client_root_folder_check() == []


def test_a_client_downloading_into_a_root_folder_is_a_warning(sab, tmp_path):
    library = tmp_path / "library"
    (library / "incoming").mkdir(parents=True)
    RootFolder.objects.create(path=str(library))
    reports_folder(sab, str(library / "incoming"), category_dir="")
    sabnzbd(sab.server.url, name="SAB box")

    issues = download_client_root_folder_check()

    assert [(issue.source, issue.level) for issue in issues] == [("DownloadClientRootFolderCheck", "warning")]
    assert (
        f"SAB box puts downloads in {library / 'incoming'}, inside the root folder {library}/"
        in issues[0].message
    )


def test_a_download_folder_beside_the_root_folders_is_fine(sab, tmp_path):
    RootFolder.objects.create(path=str(tmp_path / "library"))
    reports_folder(sab, str(tmp_path / "library-downloads"), category_dir="")  # a shared prefix only
    sabnzbd(sab.server.url)

    assert download_client_root_folder_check() == []


def test_a_folder_that_exists_but_cannot_be_read_is_a_permissions_problem(sab, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0)
    if os.access(locked, os.R_OK):
        pytest.skip("root can read anything")
    reports_folder(sab, str(locked), category_dir="")
    sabnzbd(sab.server.url)

    (issue,) = remote_path_mapping_check()

    assert "exists but cannot be read" in issue.message


def test_a_client_on_another_host_is_told_to_add_a_mapping(sab, tmp_path):
    reports_folder(sab, "/data/usenet", category_dir="")
    client = sabnzbd(sab.server.url, name="NAS SAB")
    # 127.1 is 127.0.0.1 written short: a host name that is not "localhost", as another machine's is
    client.settings["host"] = "127.1"
    client.save()

    (issue,) = remote_path_mapping_check()

    assert issue.message == (
        "NAS SAB reports its download folder at /data/usenet, which does not exist here. How to fix: add a "
        "remote path mapping for host 127.1 (Settings → Download Clients) from the client's path to where "
        "this machine sees the same folder"
    )


def test_a_mapping_for_another_host_is_not_named_for_this_client(sab, tmp_path):
    # the folder lies under the mapping's local path, but the mapping is for the NAS: it was not applied
    reports_folder(sab, f"{tmp_path}/nas/complete", category_dir="")
    sabnzbd(sab.server.url, name="SAB box")
    RemotePathMapping.objects.create(host="nas", remote_path="/downloads/", local_path=f"{tmp_path}/nas/")

    (issue,) = remote_path_mapping_check()

    assert issue.message.startswith(f"SAB box reports its download folder at {tmp_path}/nas/complete")
    assert "remote path mapping /downloads/" not in issue.message


def test_only_completed_downloads_are_looked_for(sab, tmp_path):
    reports_folder(sab, str(tmp_path), category_dir="")
    sabnzbd(sab.server.url)
    sab.finished("nzo_1", "Broken.2016", storage="/elsewhere/movies/Broken.2016", status="Failed")
    sab.downloading("nzo_2", "Arrival.2016")

    assert remote_path_mapping_check() == []


def test_a_client_without_a_download_folder_is_left_to_its_own_test(tmp_path, monkeypatch):
    client = blackhole(tmp_path)
    client.settings["watchFolder"] = ""  # reads as ".": the client's own test reports it
    client.save()
    monkeypatch.chdir(tmp_path / "drop")  # an empty folder: "." must not be taken for the download folder

    assert remote_path_mapping_check() == [] and download_client_root_folder_check() == []
