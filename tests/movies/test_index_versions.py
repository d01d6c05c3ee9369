"""The movie index and versions: the filter builder finds movies having, lacking or missing a version,
every view shows each movie's extra versions (one query for the page), and the bulk editor adds a
template's version to the ticked movies."""

import pytest

from movies.indexconditions import read_conditions
from movies.indexquery import IndexQuery, index_page
from movies.models import MovieVersion, VersionTemplate
from movies.versions import add_version
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def uhd():
    return QualityProfile.objects.order_by("pk").last()


def extra(movie, profile, name="4K", **changes):
    fields = {"name": name, "quality_profile_id": profile.pk, "minimum_availability": "released"}
    return add_version(movie, fields | changes)


@pytest.fixture
def library(uhd):
    heat, arrival, ronin = (MovieFactory(title=title) for title in ("Heat", "Arrival", "Ronin"))
    extra(heat, uhd)
    MovieVersion.objects.filter(movie=heat).update(has_file=True)
    extra(arrival, uhd, name="4k")  # names match whatever their case
    extra(ronin, uhd, name="Extended")
    return heat, arrival, ronin


def titles(kind: str, value: str) -> list[str]:
    query = IndexQuery(conditions=read_conditions(["version"], [kind], [value]))
    return sorted(row["title"] for row in index_page(query).rows)


def test_the_filter_finds_movies_having_lacking_or_missing_a_version(library):
    assert titles("equal", "4K") == ["Arrival", "Heat"]
    assert titles("notEqual", "4K") == ["Ronin"]
    assert titles("missing", "4K") == ["Arrival"]
    assert titles("equal", "IMAX") == []


def test_the_filter_round_trips_through_the_page(admin_client, library):
    body = admin_client.get("/?view=table&ck=version&ct=missing&cv=4K").content.decode()

    assert "Arrival" in body and "Heat</a>" not in body and "Ronin" not in body
    assert '<option value="missing" data-kind="version" selected>is missing version</option>' in body


def test_the_table_shows_each_movies_extra_versions_and_whether_they_have_their_file(admin_client, library):
    body = admin_client.get("/?view=table").content.decode()

    rows = {row.split("</a>")[0].rsplit(">", 1)[-1]: row for row in body.split("<tr class=")[1:]}
    assert 'version-badge downloaded" title="4K: has its file">4K<' in rows["Heat"]
    assert 'version-badge missing" title="4k: no file yet">4k<' in rows["Arrival"]
    MovieFactory(title="Solo")
    body = admin_client.get("/?view=table&search=Solo").content.decode()
    solo = body.split("Solo</a>")[1].split("</tr>")[0]
    assert '<td data-col="versions"></td>' in solo


def test_every_view_costs_one_query_for_the_versions_of_a_page(uhd, django_assert_num_queries):
    for number in range(30):
        movie = MovieFactory(title=f"Movie {number}")
        extra(movie, uhd)
        extra(movie, uhd, name="Extended")
    query = IndexQuery(view="table")
    posters = IndexQuery(view="posters")

    with django_assert_num_queries(5):  # rows, qualities, extra versions, profiles, library counts
        page = index_page(query)
    with django_assert_num_queries(5):  # the poster view shows them too, in the same one query
        poster_page = index_page(posters)

    assert all(len(row["versions"]) == 2 for row in [*page.rows, *poster_page.rows])


def test_the_bulk_editor_adds_a_templates_version_to_the_ticked_movies(admin_client, uhd):
    template = VersionTemplate.objects.create(name="4K", quality_profile=uhd)
    having, ticked, other = MovieFactory.create_batch(3)
    add_version(
        having, {"name": "4K", "quality_profile_id": uhd.pk, "minimum_availability": "released"}, template
    )
    assert 'value="versionTemplate"' in admin_client.get("/?select=1").content.decode()

    response = admin_client.post(
        "/editor",
        {"movieIds": [having.pk, ticked.pk], "action": "versionTemplate", "versionTemplateId": template.pk,
         "next": "/?select=1"},
        follow=True,
    )  # fmt: skip

    assert set(MovieVersion.objects.values_list("movie_id", flat=True)) == {having.pk, ticked.pk}
    assert not other.versions.exists()
    body = response.content.decode()
    assert "Version 4K added to 1 movie. 1 movie had it already." in body


def test_the_bulk_editor_says_when_no_template_is_chosen(admin_client):
    movie = MovieFactory()

    response = admin_client.post(
        "/editor", {"movieIds": [movie.pk], "action": "versionTemplate", "next": "/?select=1"}, follow=True
    )

    assert "Choose a version template first" in response.content.decode()
    assert not MovieVersion.objects.exists()


@pytest.mark.parametrize(
    ("view", "item"), [("posters", '<li class="poster-card'), ("overview", '<li class="overview-row')]
)
def test_the_poster_and_overview_views_show_the_extra_versions_too(admin_client, library, view, item):
    body = admin_client.get(f"/?view={view}").content.decode()

    cards = {card.split("</a>")[0].rsplit('alt="', 1)[0]: card for card in body.split(item)[1:]}
    heat = next(card for card in cards.values() if ">Heat<" in card)
    ronin = next(card for card in cards.values() if ">Ronin<" in card)
    assert 'version-badge downloaded" title="4K: has its file">4K<' in heat
    assert 'version-badge missing" title="Extended: no file yet">Extended<' in ronin
    plain = MovieFactory(title="Solaris")
    body = admin_client.get(f"/?view={view}").content.decode()
    solaris = next(card for card in body.split(item)[1:] if f"/movie/{plain.tmdb_id}" in card)
    assert "version-badge" not in solaris
