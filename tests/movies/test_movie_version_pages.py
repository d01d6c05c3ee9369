"""The movie page's Versions section: every version (primary first) with its wishes and file, its own
searches, and adding (from a template or by hand), editing, monitoring and removing a version."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from movies.models import MovieVersion, VersionTemplate
from movies.versions import add_version
from radarr.models import Command
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uhd():
    return QualityProfile.objects.order_by("pk").last()


def extra(movie, profile, **changes):
    fields = {"name": "4K", "quality_profile_id": profile.pk, "minimum_availability": "released"}
    return add_version(movie, fields | changes)


def form(profile, **changes):
    return {
        "name": "4K",
        "quality_profile": profile.pk,
        "root_folder_path": "",
        "minimum_availability": "released",
        "monitored": "on",
        "edition": "",
    } | changes


def version_file(movie, row, **fields):
    """A file of an extra version (the movie has its primary file first, as the import side keeps it)."""
    if not movie.files.filter(is_primary=True).exists():
        MovieFileFactory(movie=movie)
    MovieVersion.objects.filter(pk=row.pk).update(has_file=True)
    return MovieFileFactory(movie=movie, version=row, is_primary=False, **fields)


def section(body: str) -> str:
    return body.split('id="versions"')[1].split("</section>")[0]


def test_the_primary_comes_first_then_each_version_with_its_file_or_none(admin_client, uhd):
    movie = MovieFactory(title="Arrival")
    MovieFileFactory(movie=movie, quality_id=7, size=8 * 1024**3, language_ids=[1])
    four_k = extra(movie, uhd, edition="IMAX")
    extended = extra(movie, uhd, name="Extended")
    MovieFileFactory(movie=movie, version=extended, is_primary=False, quality_id=19, relative_path="x.mkv")

    html = section(admin_client.get(f"/movie/{movie.tmdb_id}").content.decode())

    primary, first, second = html.split('<tr id="version-')[1:]
    assert primary.startswith('0"') and "Primary" in primary and "Bluray-1080p · 8 GiB · English" in primary
    assert first.startswith(f'{four_k.pk}"') and "IMAX" in first and "No file yet" in first
    assert second.startswith(f'{extended.pk}"') and "Bluray-2160p" in second and uhd.name in second
    assert f"?version={four_k.pk}" in first and "?version=" not in primary


def test_the_movie_page_costs_the_same_queries_with_more_versions(
    admin_client, uhd, django_assert_num_queries
):
    movie = MovieFactory()
    extra(movie, uhd)
    admin_client.get(f"/movie/{movie.tmdb_id}")  # session and caches warm
    with CaptureQueriesContext(connection) as one:
        admin_client.get(f"/movie/{movie.tmdb_id}")
    for name in ("Extended", "IMAX", "Unrated"):
        extra(movie, uhd, name=name)
    with django_assert_num_queries(len(one)):
        admin_client.get(f"/movie/{movie.tmdb_id}")


def test_a_version_is_added_from_a_template_in_one_click(admin_client, uhd, tmp_path):
    root = tmp_path / "movies-4k"
    root.mkdir()
    RootFolderFactory(path=str(root))
    template = VersionTemplate.objects.create(name="4K", quality_profile=uhd, root_folder_path=str(root))
    movie = MovieFactory(path="/movies/Arrival (2016)")
    assert "Add a version from a template" in admin_client.get(f"/movie/{movie.tmdb_id}").content.decode()

    response = admin_client.post(
        f"/movie/{movie.tmdb_id}/versions/add-template", {"template": template.pk}, follow=True
    )

    row = MovieVersion.objects.get()
    assert (row.movie, row.template, row.path) == (movie, template, f"{root}/Arrival (2016)")
    body = response.content.decode()
    assert "Added the version 4K" in body
    assert "Add a version from a template" not in body  # the movie has every template's version now


def test_a_version_added_by_hand_keeps_the_form_when_it_is_wrong(admin_client, uhd):
    movie = MovieFactory()
    extra(movie, uhd, name="4K")
    post = form(uhd, name="4k", root_folder_path="/nowhere", edition="Extended Cut")

    response = admin_client.post(f"/movie/{movie.tmdb_id}/versions/add", post)

    assert response.status_code == 400
    body = response.content.decode()
    assert "already has a version called" in body and "does not exist" in body
    assert 'value="Extended Cut"' in body and 'value="/nowhere"' in body and 'value="4k"' in body
    assert MovieVersion.objects.count() == 1

    post |= {"name": "Extended", "root_folder_path": ""}
    assert admin_client.post(f"/movie/{movie.tmdb_id}/versions/add", post).status_code == 302
    assert MovieVersion.objects.get(name="Extended").edition == "Extended Cut"


def test_the_add_form_starts_from_a_template_and_the_version_is_that_templates(admin_client, uhd):
    template = VersionTemplate.objects.create(
        name="Director's Cut", quality_profile=uhd, edition="Director's Cut"
    )
    movie = MovieFactory()
    by_hand = admin_client.get(f"/movie/{movie.tmdb_id}/versions/add").content.decode()
    start = f"/movie/{movie.tmdb_id}/versions/add?template={template.pk}"
    assert f'href="{start}"' in by_hand

    body = admin_client.get(start).content.decode()
    admin_client.post(start, form(uhd, name="Director's Cut", edition="Director's Cut", monitored=""))

    assert 'value="Director&#x27;s Cut"' in body and f'value="{uhd.pk}" selected' in body
    assert f'action="{start}"' in body
    row = MovieVersion.objects.get()
    assert (row.template, row.monitored) == (template, False)


def test_a_version_is_edited_and_its_monitoring_toggled(admin_client, uhd):
    movie = MovieFactory()
    row = extra(movie, uhd)
    post = form(uhd, name="UHD", minimum_availability="inCinemas")

    admin_client.post(f"/movie/{movie.tmdb_id}/versions/{row.pk}/edit", post)
    toggled = admin_client.post(
        f"/movie/{movie.tmdb_id}/versions/{row.pk}/monitor",
        {"monitored": "false"},
        headers={"HX-Request": "true"},
    )

    row.refresh_from_db()
    assert (row.name, row.minimum_availability, row.monitored) == ("UHD", "inCinemas", False)
    assert "Unmonitored" in toggled.content.decode() and "<html" not in toggled.content.decode()


def test_another_movies_version_is_not_found(admin_client, uhd):
    row = extra(MovieFactory(), uhd)
    other = MovieFactory()

    assert admin_client.get(f"/movie/{other.tmdb_id}/versions/{row.pk}/edit").status_code == 404
    assert admin_client.post(f"/movie/{other.tmdb_id}/versions/{row.pk}/search").status_code == 404


def test_search_queues_movies_search_for_that_version_only(admin_client, uhd):
    movie = MovieFactory()
    row = extra(movie, uhd)

    admin_client.post(f"/movie/{movie.tmdb_id}/versions/{row.pk}/search")
    admin_client.post(f"/movie/{movie.tmdb_id}/versions/0/search")

    bodies = [command.body for command in Command.objects.filter(name="MoviesSearch").order_by("pk")]
    assert [body["versionIds"] for body in bodies] == [[row.pk], [0]]
    assert all(body["movieIds"] == [movie.pk] for body in bodies)


def test_a_versions_interactive_search_link_opens_the_search_for_that_version(admin_client, uhd):
    movie = MovieFactory(title="Arrival")
    row = extra(movie, uhd)
    html = section(admin_client.get(f"/movie/{movie.tmdb_id}").content.decode())
    link = html.split(f'<tr id="version-{row.pk}"')[1].split('hx-get="')[1].split('"')[0]

    response = admin_client.get(link.replace("&amp;", "&"), headers={"HX-Request": "true"})

    assert link.endswith(f"?version={row.pk}")
    assert response.status_code == 200 and "4K" in response.content.decode()
