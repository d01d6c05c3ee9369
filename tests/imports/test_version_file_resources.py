"""/api/v3/moviefile shows a version's file where it lives (its version's own folder) and judges it
against its version's profile, not the movie's."""

import pytest

from movies.models import MovieFile
from movies.versions import add_version
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


def test_a_versions_file_has_its_own_folder_and_profile(api_client, tmp_path, django_assert_max_num_queries):
    uhd_root = tmp_path / "movies-4k"
    uhd_root.mkdir()
    RootFolderFactory(path=str(uhd_root))
    profiles = {profile.name: profile for profile in QualityProfile.objects.all()}
    # the movie wants only SD (a 1080p file meets its cutoff); the 4K version wants Ultra-HD
    movie = MovieFactory(quality_profile=profiles["SD"])
    row = add_version(
        movie,
        {
            "name": "4K",
            "quality_profile_id": profiles["Ultra-HD"].pk,
            "minimum_availability": "released",
            "root_folder_path": str(uhd_root),
        },
    )
    primary = MovieFile.objects.create(movie=movie, relative_path="Movie.1080p.mkv", quality_id=7)
    extra = MovieFile.objects.create(
        movie=movie, version=row, relative_path="Movie.1080p.4K.mkv", quality_id=7, is_primary=False
    )

    with django_assert_max_num_queries(8):
        body = {item["id"]: item for item in api_client.get(f"/api/v3/moviefile?movieId={movie.pk}").json()}

    assert body[primary.pk]["path"] == f"{movie.path}/Movie.1080p.mkv"
    assert body[extra.pk]["path"] == f"{row.path}/Movie.1080p.4K.mkv" and row.path.startswith(str(uhd_root))
    assert body[primary.pk]["qualityCutoffNotMet"] is False  # SD's cutoff is below 1080p
    assert body[extra.pk]["qualityCutoffNotMet"] is True  # Ultra-HD wants 2160p
    single = api_client.get(f"/api/v3/moviefile/{extra.pk}").json()
    assert single["path"] == body[extra.pk]["path"] and single["qualityCutoffNotMet"] is True
