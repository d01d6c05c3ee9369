"""Settings → Media Management: the form saves both rows, refuses bad values, and shows naming
examples that follow the formats as they are typed (HTMX)."""

import pytest

from imports.models import MediaManagementConfig, NamingConfig
from imports.views_mediamanagement import _FIELDS

pytestmark = pytest.mark.django_db


def _form(**changes):
    data = {
        "colonReplacementFormat": "smart",
        "standardMovieFormat": "{Movie Title} ({Release Year}) {Quality Full}",
        "movieFolderFormat": "{Movie Title} ({Release Year})",
        "versionSuffixFormat": " - {Version Name}",
        "minimumFreeSpaceWhenImporting": "100",
        "extraFileExtensions": "srt",
        "downloadPropersAndRepacks": "preferAndUpgrade",
        "rescanAfterRefresh": "always",
        "fileDate": "none",
        "recycleBinCleanupDays": "7",
        "chmodFolder": "755",
        "copyUsingHardlinks": "on",
        "replaceIllegalCharacters": "on",
        "enableMediaInfo": "on",
    }
    data.update(changes)
    return data


def test_the_page_needs_a_login(client):
    assert client.get("/settings/mediamanagement").status_code == 302


def test_the_page_shows_every_setting_and_the_examples(admin_client):
    page = admin_client.get("/settings/mediamanagement").content.decode()
    for _section, name, _label, _help in _FIELDS:
        assert f'name="{name}"' in page
    assert "The Movie - Title (2010) Bluray-1080p.mkv" in page


def test_saving_the_form_writes_both_rows(admin_client):
    response = admin_client.post(
        "/settings/mediamanagement",
        _form(renameMovies="on", colonReplacementFormat="dash", recycleBin="/recycle", importExtraFiles="on"),
    )
    assert response.status_code == 302
    naming, media = NamingConfig.load(), MediaManagementConfig.load()
    assert naming.rename_movies is True and naming.colon_replacement_format == "dash"
    assert media.recycle_bin == "/recycle" and media.import_extra_files is True
    assert media.copy_using_hardlinks is True
    assert media.skip_free_space_check_when_importing is False


def test_a_bad_value_is_shown_on_its_field_and_nothing_is_saved(admin_client):
    response = admin_client.post("/settings/mediamanagement", _form(minimumFreeSpaceWhenImporting="10"))
    assert response.status_code == 400
    assert "greater than or equal to" in response.content.decode()
    assert MediaManagementConfig.load().minimum_free_space_when_importing == 100


def test_the_examples_follow_the_format_being_typed(admin_client):
    response = admin_client.get(
        "/settings/mediamanagement/examples",
        {
            "standardMovieFormat": "{Movie.CleanTitle}.{Release.Year}",
            "movieFolderFormat": "{Movie TitleThe}",
            "replaceIllegalCharacters": "on",
        },
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert "The.Movie.Title.2010.mkv" in body
    assert "Movie - Title, The" in body
    assert "<form" not in body


def test_the_examples_follow_the_colon_and_illegal_character_choices(admin_client):
    url = "/settings/mediamanagement/examples"
    body = admin_client.get(url, {"colonReplacementFormat": "delete", "replaceIllegalCharacters": "on"})
    assert "The Movie Title (2010) Bluray-1080p.mkv" in body.content.decode()
    body = admin_client.get(url, {"colonReplacementFormat": "smart"})  # the checkbox left unticked
    assert "The Movie Title (2010) Bluray-1080p.mkv" in body.content.decode()
