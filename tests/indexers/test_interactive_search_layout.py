"""Interactive search beyond the basics: the engine's ranking, readable rejections, the filters'
choices, and "override and grab" with the movie, quality and languages chosen by hand (page and API)."""

import re

import pytest

from downloads.models import History, HistoryEventType
from tests.indexers.searchsupport import Item, dropped, newznab_indexer, serve_newznab, usenet_blackhole
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db

TITLES = [
    "Heat.1995.720p.HDTV.x264-LOW",  # accepted, lower quality
    "Heat.1986.1080p.BluRay.x264-OLD",  # another movie's release: rejected
    "Heat.1995.1080p.BluRay.x264-GRP",  # accepted, the best
]


@pytest.fixture
def searched(admin_client, fake_server, tmp_path):
    movie = MovieFactory(title="Heat", year=1995)
    MovieFactory(title="Heat", year=1986)
    serve_newznab(fake_server, [Item(title, guid=f"g{n}") for n, title in enumerate(TITLES)])
    indexer = newznab_indexer(fake_server, name="Local NZB")
    usenet_blackhole(tmp_path, name="My Blackhole")
    response = admin_client.get(f"/settings/indexers/search/movie/{movie.pk}", headers={"HX-Request": "true"})
    return movie, indexer, response.content.decode()


def _titles_in_order(body: str) -> list[str]:
    return re.findall(r'<td data-value="(Heat\.[^"]+)" class="release-title">', body)


def test_results_come_in_the_decision_engines_order_accepted_best_first(searched):
    _, _, body = searched

    assert _titles_in_order(body) == [TITLES[2], TITLES[0], TITLES[1]]


def test_rejections_are_readable_in_an_expandable_list_and_a_tooltip(searched):
    _, _, body = searched

    rejected = body[body.index(TITLES[1]) :]
    decision = rejected[rejected.index('class="decision"') :]
    decision = decision[: decision.index("</td>")]
    assert "<details" in decision and "<summary>Rejected (" in decision
    assert 'title="This release is for Heat' in decision  # the tooltip holds every reason


def test_the_filters_offer_the_qualities_and_indexers_found(searched):
    _, _, body = searched

    filters = body[body.index("release-filters") : body.index("<table")]
    assert "<option>Bluray-1080p</option>" in filters and "<option>HDTV-720p</option>" in filters
    assert "<option>Local NZB</option>" in filters


def test_override_and_grab_records_the_quality_languages_and_movie_chosen(admin_client, searched, tmp_path):
    movie, indexer, _ = searched
    url = f"/settings/indexers/search/movie/{movie.pk}/override"

    form = admin_client.get(url, {"indexer_id": indexer.pk, "guid": "g0"}, headers={"HX-Request": "true"})
    assert form.status_code == 200
    assert re.search(r'<option value="4" selected>HDTV-720p</option>', form.content.decode())
    response = admin_client.post(
        url,
        {"indexer_id": indexer.pk, "guid": "g0", "movie": movie.pk, "quality": 7, "languages": [2, 3]},
        headers={"HX-Request": "true"},
    )

    assert "Sent to My Blackhole" in response.content.decode()
    assert dropped(tmp_path) == ["Heat.1995.720p.HDTV.x264-LOW.nzb"]
    grab = History.objects.get(event_type=HistoryEventType.GRABBED)
    assert (grab.movie_id, grab.quality_id, grab.language_ids) == (movie.pk, 7, [2, 3])


def test_override_without_a_language_says_so_and_grabs_nothing(admin_client, searched, tmp_path):
    movie, indexer, _ = searched

    response = admin_client.post(
        f"/settings/indexers/search/movie/{movie.pk}/override",
        {"indexer_id": indexer.pk, "guid": "g0", "movie": movie.pk, "quality": 7},
        headers={"HX-Request": "true"},
    )

    assert response.status_code == 400 and "This field is required" in response.content.decode()
    assert dropped(tmp_path) == []


def test_the_api_grab_with_should_override_uses_the_given_quality_and_languages(
    api_client, searched, tmp_path
):
    movie, indexer, _ = searched
    body = {
        "guid": "g1",
        "indexerId": indexer.pk,
        "shouldOverride": True,
        "movieId": movie.pk,
        "quality": {"quality": {"id": 7}, "revision": {"version": 2}},
        "languages": [{"id": 1}],
    }

    response = api_client.post("/api/v3/release", body, content_type="application/json")

    assert response.status_code == 200, response.content
    grab = History.objects.get(event_type=HistoryEventType.GRABBED)
    assert (grab.movie_id, grab.quality_id, grab.revision["version"], grab.language_ids) == (
        movie.pk,
        7,
        2,
        [1],
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"movieId": None}, "movieId"),
        ({"quality": {"quality": {"id": 999}}}, "quality"),
        ({"languages": "en"}, "languages"),
    ],
)
def test_the_api_override_refuses_missing_or_unknown_values(api_client, searched, tmp_path, change, field):
    movie, indexer, _ = searched
    body = {"guid": "g1", "indexerId": indexer.pk, "shouldOverride": True, "movieId": movie.pk,
            "quality": {"quality": {"id": 7}}, "languages": [{"id": 1}]} | change  # fmt: skip

    response = api_client.post("/api/v3/release", body, content_type="application/json")

    assert response.status_code == 400
    assert response.json()[0]["propertyName"] == field
    assert dropped(tmp_path) == []


@pytest.mark.parametrize("path", ["grab", "override"])
def test_a_malformed_indexer_id_is_an_expired_result_not_a_server_error(admin_client, path):
    movie = MovieFactory(title="Heat", year=1995)

    response = admin_client.post(
        f"/settings/indexers/search/movie/{movie.pk}/{path}", {"indexer_id": "abc", "guid": "x"}
    )

    assert response.status_code == 410 and "search again" in response.content.decode()
