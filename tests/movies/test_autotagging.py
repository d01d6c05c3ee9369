"""Auto tagging: each condition kind, how conditions combine, the rules applied on add, refresh and edit,
and Radarr's /api/v3/autotagging with its schema and validation."""

import json
import shutil
from dataclasses import replace

import pytest
from django.core.cache import cache

from movies import tmdb
from movies.autotagging import CONDITIONS, MovieFacts, Rule, apply_auto_tags, rule_matches, tag_changes
from movies.editing import update_movie
from movies.models import AutoTag, Movie
from movies.refresh import refresh_movie
from releases.models import QualityProfile
from tests.factories import TagFactory
from tests.movies.conftest import TMDB_FIXTURES
from tests.movies.factories import MovieFactory

FACTS = MovieFacts(
    genres=("Action", "Science Fiction"),
    keywords=("dystopia",),
    studio="Village Roadshow Pictures",
    original_language_id=1,
    quality_profile_id=4,
    root_folder_path="/movies/",
    runtime=136,
    status="released",
    year=1999,
    monitored=True,
    tag_ids=frozenset({7}),
)


def spec(implementation: str, negate: bool = False, required: bool = False, **fields) -> dict:
    return {
        "name": "c",
        "implementation": implementation,
        "negate": negate,
        "required": required,
        "fields": fields,
    }


@pytest.mark.parametrize(
    ("implementation", "fields", "expected"),
    [
        ("GenreSpecification", {"value": ["science fiction"]}, True),  # case ignored
        ("GenreSpecification", {"value": ["Drama"]}, False),
        ("KeywordSpecification", {"value": ["Dystopia", "robots"]}, True),
        ("KeywordSpecification", {"value": ["robots"]}, False),
        ("StudioSpecification", {"value": ["village roadshow pictures"]}, True),
        ("StudioSpecification", {"value": ["Village"]}, False),  # the whole name, not a part
        ("OriginalLanguageSpecification", {"value": 1}, True),
        ("OriginalLanguageSpecification", {"value": 2}, False),
        ("QualityProfileSpecification", {"value": 4}, True),
        ("QualityProfileSpecification", {"value": 5}, False),
        ("RootFolderSpecification", {"value": "/movies"}, True),  # trailing slash ignored
        ("RootFolderSpecification", {"value": "/other"}, False),
        ("RuntimeSpecification", {"min": 120, "max": 136}, True),  # both ends included
        ("RuntimeSpecification", {"min": 137, "max": 200}, False),
        ("StatusSpecification", {"status": 3}, True),  # Radarr's MovieStatusType.Released
        ("StatusSpecification", {"status": 1}, False),
        ("TagSpecification", {"value": 7}, True),
        ("TagSpecification", {"value": 8}, False),
        ("YearSpecification", {"min": 1999, "max": 1999}, True),
        ("YearSpecification", {"min": 2000, "max": 2010}, False),
        ("MonitoredSpecification", {}, True),
    ],
)
def test_each_condition_kind_matches_its_movie_fact(implementation, fields, expected):
    rule = Rule((spec(implementation, **fields),), frozenset({1}), False)

    assert rule_matches(rule, FACTS) is expected
    negated = Rule((spec(implementation, negate=True, **fields),), frozenset({1}), False)
    assert rule_matches(negated, FACTS) is not expected


def test_a_movie_without_studio_or_runtime_matches_neither():
    bare = replace(FACTS, studio="", runtime=0)

    assert not rule_matches(Rule((spec("StudioSpecification", value=[""]),), frozenset(), False), bare)
    assert not rule_matches(Rule((spec("RuntimeSpecification", min=1, max=300),), frozenset(), False), bare)


def test_conditions_of_one_kind_match_when_any_does_and_every_kind_must_match():
    genres = (spec("GenreSpecification", value=["Drama"]), spec("GenreSpecification", value=["Action"]))
    late = spec("YearSpecification", min=2000, max=2020)

    assert rule_matches(Rule(genres, frozenset(), False), FACTS)
    assert not rule_matches(Rule((*genres, late), frozenset(), False), FACTS)


def test_a_required_condition_that_fails_fails_its_kind():
    conditions = (
        spec("GenreSpecification", value=["Action"]),
        spec("GenreSpecification", required=True, value=["Drama"]),
    )

    assert not rule_matches(Rule(conditions, frozenset(), False), FACTS)


def test_a_rule_that_stops_matching_removes_its_tags_only_when_it_says_so():
    drama = (spec("GenreSpecification", value=["Drama"]),)
    keeping = Rule(drama, frozenset({7}), False)
    removing = Rule(drama, frozenset({7}), True)

    assert tag_changes([keeping], FACTS) == (set(), set())
    assert tag_changes([removing], FACTS) == (set(), {7})


def test_a_tag_another_matching_rule_gives_is_kept():
    removing = Rule((spec("GenreSpecification", value=["Drama"]),), frozenset({7}), True)
    giving = Rule((spec("GenreSpecification", value=["Action"]),), frozenset({7, 9}), False)

    assert tag_changes([removing, giving], FACTS) == ({9}, set())


def test_the_catalogue_has_radarrs_condition_kinds():
    assert set(CONDITIONS) == {
        f"{name}Specification"
        for name in (
            "Genre",
            "Keyword",
            "Monitored",
            "OriginalLanguage",
            "QualityProfile",
            "RootFolder",
            "Runtime",
            "Status",
            "Studio",
            "Tag",
            "Year",
        )
    }


# ---- applied to the library


def make_rule(name: str, tags, *conditions, remove: bool = False) -> AutoTag:
    rule = AutoTag.objects.create(
        name=name, remove_tags_automatically=remove, specifications=list(conditions)
    )
    rule.tags.set(tags)
    return rule


def tag_ids(movie: Movie) -> set[int]:
    return set(movie.tags.values_list("pk", flat=True))


@pytest.fixture
def refreshing_tmdb(fake_tmdb, monkeypatch, data_dir):
    monkeypatch.setattr(tmdb, "BACKOFF_SECONDS", 0.01)
    fake_tmdb.add("/3/collection/2344", file=TMDB_FIXTURES / "collection-2344.json")
    cache.clear()
    yield fake_tmdb
    cache.clear()
    shutil.rmtree(data_dir / "MediaCover", ignore_errors=True)


@pytest.mark.django_db
def test_adding_a_movie_applies_the_rules(api_client, fake_tmdb, root, empty_cache):
    scifi, old = TagFactory(label="scifi"), TagFactory(label="old")
    make_rule("Sci-fi", [scifi], spec("GenreSpecification", value=["Science Fiction"]))
    make_rule("Old", [old], spec("YearSpecification", min=1900, max=1950))
    body = {"tmdbId": 603, "qualityProfileId": QualityProfile.objects.first().pk, "rootFolderPath": str(root)}

    response = api_client.post("/api/v3/movie", json.dumps(body), content_type="application/json")

    assert response.status_code == 201
    assert response.json()["tags"] == [scifi.pk]


@pytest.mark.django_db
def test_refresh_applies_the_rules_to_tmdbs_keywords_and_removes_what_no_longer_matches(
    refreshing_tmdb, api_client
):
    dystopia, drama = TagFactory(label="dystopia"), TagFactory(label="drama")
    make_rule("Dystopia", [dystopia], spec("KeywordSpecification", value=["dystopia"]))
    make_rule("Drama", [drama], spec("GenreSpecification", value=["Drama"]), remove=True)
    movie = MovieFactory(tmdb_id=603, keywords=[], genres=["Drama"])
    movie.tags.set([drama])
    assert api_client.get(f"/api/v3/movie/{movie.pk}").json()["tags"] == [drama.pk]  # now cached

    refresh_movie(movie)

    assert tag_ids(movie) == {dystopia.pk}
    assert api_client.get(f"/api/v3/movie/{movie.pk}").json()["tags"] == [dystopia.pk]


@pytest.mark.django_db
def test_editing_a_movie_applies_the_rules_to_its_new_profile():
    other = QualityProfile.objects.create(name="Other", cutoff=1)
    tagged = TagFactory(label="other-profile")
    make_rule("Profile", [tagged], spec("QualityProfileSpecification", value=other.pk), remove=True)
    movie = MovieFactory()

    update_movie(movie, {"quality_profile_id": other.pk})
    assert tag_ids(movie) == {tagged.pk}
    update_movie(movie, {"quality_profile_id": QualityProfile.objects.exclude(pk=other.pk).first().pk})
    assert tag_ids(movie) == set()


@pytest.mark.django_db
def test_the_bulk_editor_applies_the_rules(api_client):
    tagged = TagFactory()
    make_rule("Unmonitored", [tagged], spec("MonitoredSpecification", negate=True))
    movies = MovieFactory.create_batch(3, monitored=True)
    body = {"movieIds": [movie.pk for movie in movies], "monitored": False}

    response = api_client.put("/api/v3/movie/editor", json.dumps(body), content_type="application/json")

    assert response.status_code == 202
    assert all(tag_ids(movie) == {tagged.pk} for movie in movies)


# ---- the API


GENRE_CONDITION = {
    "name": "Sci-fi",
    "implementation": "GenreSpecification",
    "negate": False,
    "required": True,
    "fields": [{"name": "value", "value": ["Science Fiction"]}],
}


def post(client, body, url="/api/v3/autotagging"):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_a_rule_round_trips_through_the_api(api_client):
    tag = TagFactory()
    body = {
        "name": "SF",
        "removeTagsAutomatically": True,
        "tags": [tag.pk],
        "specifications": [GENRE_CONDITION],
    }

    created = post(api_client, body)
    fetched = api_client.get(f"/api/v3/autotagging/{created.json()['id']}")

    assert created.status_code == 201
    rule = fetched.json()
    assert rule["name"] == "SF" and rule["removeTagsAutomatically"] is True and rule["tags"] == [tag.pk]
    condition = rule["specifications"][0]
    assert condition["implementation"] == "GenreSpecification" and condition["implementationName"] == "Genre"
    assert condition["required"] is True
    assert condition["fields"][0]["name"] == "value" and condition["fields"][0]["value"] == [
        "Science Fiction"
    ]
    assert condition["fields"][0]["type"] == "tag"


@pytest.mark.django_db
def test_a_rule_is_replaced_with_put_and_deleted(api_client):
    tag = TagFactory()
    created = post(api_client, {"name": "SF", "tags": [tag.pk], "specifications": [GENRE_CONDITION]}).json()

    created["name"] = "Renamed"
    created["specifications"][0]["fields"][0]["value"] = ["Drama"]
    updated = api_client.put(
        f"/api/v3/autotagging/{created['id']}", json.dumps(created), content_type="application/json"
    )
    deleted = api_client.delete(f"/api/v3/autotagging/{created['id']}")

    assert updated.status_code == 202
    assert updated.json()["name"] == "Renamed"
    assert updated.json()["specifications"][0]["fields"][0]["value"] == ["Drama"]
    assert deleted.status_code == 200 and not AutoTag.objects.exists()
    assert api_client.get(f"/api/v3/autotagging/{created['id']}").status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "property_name", "message"),
    [
        ({"name": ""}, "Name", "'Name' must not be empty."),
        ({"tags": []}, "Tags", "'Tags' must not be empty."),
        ({"tags": [9999]}, "Tags", "Tag 9999 does not exist"),
        ({"tags": [2**40]}, "Tags", f"Tag {2**40} does not exist"),  # past int32: no query PostgreSQL refuses
        ({"specifications": []}, "Specifications", "'Specifications' must not be empty."),
        (
            {"specifications": [{**GENRE_CONDITION, "fields": [{"name": "value", "value": []}]}]},
            "specifications[0].value",
            "'Value' must not be empty.",
        ),
        (
            {"specifications": [{**GENRE_CONDITION, "implementation": "Nope"}]},
            "specifications[0].implementation",
            "Nope is not a valid specification implementation",
        ),
        (
            {"specifications": [{**GENRE_CONDITION, "name": " "}]},
            "",
            "Condition name(s) cannot be empty or consist of only spaces",
        ),
        (
            {
                "specifications": [
                    {
                        "name": "y",
                        "implementation": "YearSpecification",
                        "fields": [{"name": "min", "value": 2000}, {"name": "max", "value": 1990}],
                    }
                ]
            },
            "specifications[0].max",
            "'Max' must be greater than or equal to '2000'.",
        ),
        (
            {
                "specifications": [
                    {
                        "name": "s",
                        "implementation": "StatusSpecification",
                        "fields": [{"name": "status", "value": 9}],
                    }
                ]
            },
            "specifications[0].status",
            "Invalid status type condition value: 9",
        ),
        ({"specifications": "x"}, "Specifications", "'Specifications' must be a list"),
    ],
)
def test_bad_rules_get_radarrs_400(api_client, change, property_name, message):
    tag = TagFactory()
    body = {"name": "SF", "tags": [tag.pk], "specifications": [GENRE_CONDITION]} | change

    response = post(api_client, body)

    assert response.status_code == 400
    assert {"propertyName": property_name, "errorMessage": message} in [
        {key: failure[key] for key in ("propertyName", "errorMessage")} for failure in response.json()
    ]
    assert not AutoTag.objects.exists()


@pytest.mark.django_db
def test_names_are_unique(api_client):
    tag = TagFactory()
    body = {"name": "SF", "tags": [tag.pk], "specifications": [GENRE_CONDITION]}
    post(api_client, body)

    response = post(api_client, body)

    assert response.status_code == 400
    assert response.json()[0]["errorMessage"] == "Must be unique."


@pytest.mark.django_db
def test_the_schema_lists_every_kind_with_its_fields(api_client):
    response = api_client.get("/api/v3/autotagging/schema")

    kinds = {item["implementation"]: item for item in response.json()}
    assert set(kinds) == set(CONDITIONS)
    assert [field["name"] for field in kinds["RuntimeSpecification"]["fields"]] == ["min", "max"]
    assert kinds["RuntimeSpecification"]["fields"][0]["unit"] == "minutes"
    status = kinds["StatusSpecification"]["fields"][0]
    assert {option["name"]: option["value"] for option in status["selectOptions"]}["Released"] == 3
    assert kinds["QualityProfileSpecification"]["fields"][0]["type"] == "qualityProfile"
    assert kinds["TagSpecification"]["fields"][0]["type"] == "movieTag"
    assert kinds["RootFolderSpecification"]["fields"][0]["type"] == "rootFolder"
    assert [item["implementation"] for item in response.json()][-2:] == [
        "GenreSpecification",
        "KeywordSpecification",
    ]


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_many_rules(api_client, django_assert_max_num_queries):
    tags = TagFactory.create_batch(3)
    for number in range(20):
        make_rule(f"Rule {number}", tags, spec("GenreSpecification", value=["Drama"]))

    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v3/autotagging")

    assert len(response.json()) == 20 and all(
        rule["tags"] == sorted(t.pk for t in tags) for rule in response.json()
    )


@pytest.mark.django_db
def test_tag_details_list_the_rules_using_a_tag(api_client):
    tag = TagFactory()
    rule = make_rule("SF", [tag], spec("GenreSpecification", value=["Drama"]))

    response = api_client.get(f"/api/v3/tag/detail/{tag.pk}")

    assert response.json()["autoTagIds"] == [rule.pk]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [
        {"name": "x", "tags": "1", "specifications": []},
        {"name": 5, "tags": [None, "a", 1.5], "specifications": [1, "x", None]},
        {
            "name": "x",
            "tags": [1],
            "specifications": [{"implementation": "YearSpecification", "fields": "abc"}],
        },
        {
            "name": "x",
            "tags": [1],
            "specifications": [
                {
                    "name": "y",
                    "implementation": "RuntimeSpecification",
                    "fields": [{"name": "min", "value": {}}],
                },
                {
                    "name": "r",
                    "implementation": "RootFolderSpecification",
                    "fields": [{"name": "value", "value": 7}],
                },
                {"name": "s", "implementation": "StatusSpecification", "fields": [{"value": 3}]},
            ],
        },
        [],
        # PostgreSQL can neither store nor compare a NUL character
        {"name": "a\x00b", "tags": [1], "specifications": []},
        {
            "name": "x",
            "tags": [1],
            "specifications": [
                {
                    "name": "g",
                    "implementation": "GenreSpecification",
                    "fields": [{"name": "value", "value": ["a\x00"]}],
                }
            ],
        },
    ],
)
def test_garbage_gets_a_400_never_a_500(api_client, body):
    response = post(api_client, body)

    assert response.status_code == 400
    assert not AutoTag.objects.exists()


@pytest.mark.django_db
def test_tagging_many_movies_costs_the_same_queries_as_a_few(django_assert_max_num_queries):
    given, taken = TagFactory(), TagFactory()
    make_rule("Drama", [given], spec("GenreSpecification", value=["Drama"]))
    make_rule("Old", [taken], spec("YearSpecification", min=1900, max=1950), remove=True)
    movies = MovieFactory.create_batch(30, genres=["Drama"], year=2010)
    for movie in movies:
        movie.tags.set([taken])

    with django_assert_max_num_queries(8):
        changed = apply_auto_tags(movies)

    assert changed == 30
    assert all(tag_ids(movie) == {given.pk} for movie in movies)
