"""Add Movie: live TMDB search, "in library" marks, the add form and its errors, and the TMDB banner."""

import pytest

from movies.models import Movie, RootFolder
from radarr.models import Tag
from releases.models import QualityProfile

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("empty_cache")]

HTMX = {"HX-Request": "true", "HX-Target": "results"}


@pytest.fixture
def root_folder(tmp_path) -> RootFolder:
    return RootFolder.objects.create(path=str(tmp_path))


def add_form(tmdb_id: int, root: RootFolder, **fields: object) -> dict:
    profile = QualityProfile.objects.get(name="HD-1080p")
    return {
        "tmdb_id": tmdb_id,
        "root_folder_path": root.path,
        "quality_profile": profile.pk,
        "minimum_availability": "released",
        "monitor": "movieOnly",
        **fields,
    }


def test_search_lists_results_with_poster_year_and_overview(admin_client, fake_tmdb, root_folder):
    response = admin_client.get("/add?term=the matrix", headers=HTMX)

    body = response.content.decode()
    assert "<html" not in body
    assert "The Matrix Reloaded" in body and "(2003)" in body
    assert "A hacker learns the truth." in body
    assert "matrix-poster.jpg" in body


def test_a_movie_already_in_the_library_is_marked_and_links_to_its_page(admin_client, fake_tmdb, root_folder):
    profile = QualityProfile.objects.get(name="HD-1080p")
    Movie.objects.create(
        tmdb_id=603, title="The Matrix", sort_title="matrix", clean_title="matrix", quality_profile=profile,
        root_folder_path=root_folder.path, path=f"{root_folder.path}/The Matrix (1999)",
    )  # fmt: skip

    body = admin_client.get("/add?term=the matrix", headers=HTMX).content.decode()

    assert '<a class="in-library" href="/movie/603">In library</a>' in body
    assert body.count("Add this movie") == 2  # the two others


def test_adding_a_result_puts_it_in_its_folder_and_marks_it(admin_client, fake_tmdb, root_folder):
    response = admin_client.post("/add/movie", add_form(603, root_folder), headers={"HX-Request": "true"})

    movie = Movie.objects.get(tmdb_id=603)
    assert movie.path == f"{root_folder.path}/The Matrix (1999)"
    assert movie.quality_profile.name == "HD-1080p"
    body = response.content.decode()
    assert "In library" in body and "<html" not in body


def test_adding_without_javascript_opens_the_new_movies_page(admin_client, fake_tmdb, root_folder):
    response = admin_client.post("/add/movie", add_form(603, root_folder))

    assert response.status_code == 302
    assert response["Location"] == "/movie/603"


def test_new_tags_typed_in_the_form_are_created_lower_case(admin_client, fake_tmdb, root_folder):
    existing = Tag.objects.create(label="4k")

    admin_client.post(
        "/add/movie",
        add_form(603, root_folder, tags=[existing.pk], new_tags="Kids, Sci-Fi "),
        headers={"HX-Request": "true"},
    )

    labels = sorted(Movie.objects.get(tmdb_id=603).tags.values_list("label", flat=True))
    assert labels == ["4k", "kids", "sci-fi"]


def test_adding_a_duplicate_is_refused_with_radarrs_message_in_the_form(admin_client, fake_tmdb, root_folder):
    admin_client.post("/add/movie", add_form(603, root_folder), headers={"HX-Request": "true"})

    response = admin_client.post("/add/movie", add_form(603, root_folder), headers={"HX-Request": "true"})

    assert Movie.objects.filter(tmdb_id=603).count() == 1
    assert "This movie has already been added" in response.content.decode()


def test_monitor_none_adds_the_movie_unmonitored(admin_client, fake_tmdb, root_folder):
    admin_client.post(
        "/add/movie", add_form(603, root_folder, monitor="none"), headers={"HX-Request": "true"}
    )

    assert Movie.objects.get(tmdb_id=603).monitored is False


def test_without_a_root_folder_the_form_says_where_to_create_one(admin_client, fake_tmdb):
    body = admin_client.get("/add?term=the matrix", headers=HTMX).content.decode()

    assert "There is no root folder yet" in body
    assert 'href="/import"' in body


def test_a_missing_api_key_shows_a_banner_not_a_stack_trace(admin_client, settings):
    settings.RADARR_TMDB_API_KEY = ""

    response = admin_client.get("/add?term=the matrix")

    body = response.content.decode()
    assert response.status_code == 200
    assert "RADARR_TMDB_API_KEY" in body
    assert 'class="banner"' in body


def test_tmdb_unreachable_shows_its_message_in_the_results(admin_client, settings):
    settings.RADARR_TMDB_API_KEY = "0123456789abcdef0123456789abcdef"  # the URL points at a closed port

    response = admin_client.get("/add?term=the matrix", headers=HTMX)

    assert response.status_code == 200
    assert "TMDB could not be reached" in response.content.decode()


def test_the_last_choices_are_offered_for_the_next_movie(admin_client, fake_tmdb, root_folder):
    admin_client.post("/add/movie", add_form(603, root_folder, minimum_availability="inCinemas"))

    body = admin_client.get("/add?term=the matrix", headers=HTMX).content.decode()

    assert '<option value="inCinemas" selected>' in body
