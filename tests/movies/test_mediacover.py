"""Cover cache: download, skip when unchanged, resize, placeholder, served with cache headers."""

import io
import shutil

import pytest
from PIL import Image

from movies.mediacover import cache_covers, cover_folder, cover_url, delete_covers, find_cover
from movies.models import Movie
from movies.tasks import cache_movie_covers
from movies.views.mediacover import cover_response
from releases.models import QualityProfile

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_covers(data_dir):
    """Movie ids repeat between tests (each rolls back): covers must not outlive their test."""
    yield
    shutil.rmtree(data_dir / "MediaCover", ignore_errors=True)


def jpeg(width: int, height: int, colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(buffer, "JPEG")
    return buffer.getvalue()


def png(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (10, 200, 10)).save(buffer, "PNG")
    return buffer.getvalue()


def make_movie(images: list[dict], tmdb_id: int = 603) -> Movie:
    profile = QualityProfile.objects.first() or QualityProfile.objects.create(name="Any", cutoff=1)
    return Movie.objects.create(
        tmdb_id=tmdb_id,
        title="The Matrix",
        sort_title="matrix",
        clean_title="matrix",
        year=1999,
        quality_profile=profile,
        root_folder_path="/movies",
        path=f"/movies/The Matrix ({tmdb_id})",
        images=images,
    )


@pytest.fixture
def covers(fake_server):
    """A fake image host with a 400x600 poster and a 1280x720 fanart."""
    fake_server.add("/p/poster.jpg", body=jpeg(400, 600), content_type="image/jpeg")
    fake_server.add("/p/fanart.jpg", body=jpeg(1280, 720), content_type="image/jpeg")
    return fake_server


def images_on(server) -> list[dict]:
    return [
        {"coverType": "poster", "remoteUrl": f"{server.url}/p/poster.jpg"},
        {"coverType": "fanart", "remoteUrl": f"{server.url}/p/fanart.jpg"},
    ]


def test_caching_downloads_poster_and_fanart_into_the_movies_folder(covers):
    movie = make_movie(images_on(covers))

    cache_covers(movie)

    folder = cover_folder(movie.pk)
    assert Image.open(folder / "poster.jpg").size == (400, 600)
    assert Image.open(folder / "fanart.jpg").size == (1280, 720)


def test_an_unchanged_remote_is_not_downloaded_again(covers):
    movie = make_movie(images_on(covers))
    cache_covers(movie)

    cache_covers(movie)

    assert len(covers.requests) == 2


def test_a_changed_remote_replaces_the_cover_and_its_resized_copies(covers):
    movie = make_movie(images_on(covers))
    cache_covers(movie)
    find_cover(movie.pk, "poster-250.jpg")
    covers.add("/p/new-poster.jpg", body=jpeg(200, 300, (0, 0, 255)), content_type="image/jpeg")
    movie.images = [{"coverType": "poster", "remoteUrl": f"{covers.url}/p/new-poster.jpg"}]

    cache_covers(movie)

    folder = cover_folder(movie.pk)
    assert Image.open(folder / "poster.jpg").size == (200, 300)
    assert not (folder / "poster-250.jpg").exists()


def test_a_failed_download_keeps_the_old_cover(covers):
    movie = make_movie(images_on(covers))
    cache_covers(movie)
    covers.add("/p/broken.jpg", body="<html>not an image</html>", content_type="text/html")
    movie.images = [{"coverType": "poster", "remoteUrl": f"{covers.url}/p/broken.jpg"}]

    cache_covers(movie)

    assert Image.open(cover_folder(movie.pk) / "poster.jpg").size == (400, 600)


def test_a_png_from_the_remote_is_stored_as_jpeg(fake_server):
    fake_server.add("/p/poster.png", body=png(100, 150), content_type="image/png")
    movie = make_movie([{"coverType": "poster", "remoteUrl": f"{fake_server.url}/p/poster.png"}])

    cache_covers(movie)

    assert Image.open(cover_folder(movie.pk) / "poster.jpg").format == "JPEG"


def test_cached_versions_are_stamped_on_the_row_for_fast_urls(covers):
    movie = make_movie(images_on(covers))

    cache_movie_covers(movie.pk)

    movie.refresh_from_db()
    assert all(image["lastWrite"] for image in movie.images)
    assert cover_url(movie.pk, "poster", images=movie.images) == cover_url(movie.pk, "poster")


def test_cover_url_has_a_cache_buster_only_once_the_file_exists(covers, settings):
    settings.URL_BASE = "/radarr"
    movie = make_movie(images_on(covers))

    before = cover_url(movie.pk, "poster", size=250)
    cache_covers(movie)
    after = cover_url(movie.pk, "poster", size=250)

    assert before == f"/radarr/MediaCover/{movie.pk}/poster-250.jpg"
    assert after.startswith(f"/radarr/MediaCover/{movie.pk}/poster-250.jpg?lastWrite=")


@pytest.mark.parametrize("filename", ["poster.jpg", "poster-250.jpg"])
def test_a_cover_removed_while_it_is_being_answered_is_still_sent_whole(covers, rf, filename):
    movie = make_movie(images_on(covers))
    cache_covers(movie)
    cover = find_cover(movie.pk, filename)
    expected = (cover_folder(movie.pk) / filename).read_bytes()

    delete_covers(movie.pk)  # a refresh or the movie's deletion, between finding and sending
    response = cover_response(rf.get(f"/MediaCover/{movie.pk}/{filename}"), cover)

    assert response.status_code == 200 and b"".join(response.streaming_content) == expected


@pytest.mark.parametrize(
    ("filename", "size"), [("poster-500.jpg", (333, 500)), ("fanart-180.jpg", (320, 180))]
)
def test_resized_copies_are_made_on_first_request(covers, admin_client, filename, size):
    movie = make_movie(images_on(covers))
    cache_covers(movie)

    response = admin_client.get(f"/MediaCover/{movie.pk}/{filename}")

    assert response.status_code == 200
    assert Image.open(io.BytesIO(b"".join(response.streaming_content))).size == size
    assert (cover_folder(movie.pk) / filename).is_file()


def test_the_api_serves_covers_with_an_etag_and_long_cache(covers, api_client):
    movie = make_movie(images_on(covers))
    cache_covers(movie)

    response = api_client.get(f"/api/v3/mediacover/{movie.pk}/poster.jpg?lastWrite=1")
    again = api_client.get(
        f"/api/v3/mediacover/{movie.pk}/poster.jpg?lastWrite=1", headers={"If-None-Match": response["ETag"]}
    )

    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert "max-age=31536000" in response["Cache-Control"]
    assert again.status_code == 304


def test_a_missing_cover_is_a_placeholder_image_that_is_not_cached(api_client):
    response = api_client.get("/api/v3/mediacover/424242/poster-250.jpg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "no-cache" in response["Cache-Control"]
    assert Image.open(io.BytesIO(response.content)).size == (166, 250)


def test_an_offline_image_host_leaves_the_placeholder(settings, client, admin_client):
    movie = make_movie([{"coverType": "poster", "remoteUrl": "http://127.0.0.1:9/poster.jpg"}])

    cache_covers(movie)  # nothing listens there: logged, not raised
    response = admin_client.get(f"/MediaCover/{movie.pk}/poster.jpg")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.parametrize(
    "filename",
    ["..%2F..%2Fradarr.db", "..", "poster.png", "poster-123.jpg", "config.jpg", "poster.jpg.bak", "%2e%2e"],
)
def test_names_other_than_covers_are_refused(api_client, filename):
    response = api_client.get(f"/api/v3/mediacover/1/{filename}")

    assert response.status_code == 404


def test_the_page_route_refuses_other_names_too(admin_client):
    assert admin_client.get("/MediaCover/1/..%2Fsecret.jpg").status_code == 404
    assert admin_client.get("/MediaCover/1/secret.jpg").status_code == 404


def test_the_api_needs_the_key(client):
    assert client.get("/api/v3/mediacover/1/poster.jpg").status_code == 401
