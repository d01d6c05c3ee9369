"""movies.decisionfacts.version_facts: every version of each movie as the decision engine weighs it, the
primary first, each extra with its own profile, monitoring, availability, file and first import; and
the facts of a batch cost the same number of queries for 30 movies as for 300."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from downloads.decisionfacts import queue_and_history_facts
from downloads.models import History, HistoryEventType
from movies.decisionfacts import movie_facts, version_facts
from movies.models import Movie, MovieVersion
from movies.versions import add_version
from movies.wanted import cutoff_unmet_versions, missing_versions
from releases.customformats.matching import compile_formats
from releases.models import CustomFormat, QualityProfile
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db


def profile(name: str) -> QualityProfile:
    return QualityProfile.objects.get(name=name)


def version_fields(**changes: object) -> dict[str, object]:
    return {
        "name": "4K",
        "quality_profile_id": profile("Ultra-HD").pk,
        "minimum_availability": "released",
        "monitored": True,
        "edition": "",
        "root_folder_path": "",
    } | changes


def test_an_extra_version_reads_its_own_profile_monitoring_edition_availability_and_file():
    today = timezone.localdate()
    movie = MovieFactory(
        title="Heat",
        year=1995,
        quality_profile=profile("HD-1080p"),
        status="inCinemas",
        in_cinemas=today - timedelta(days=10),
        digital_release=today + timedelta(days=60),
        physical_release=today + timedelta(days=90),
        minimum_availability="inCinemas",
    )
    MovieFileFactory(movie=movie, quality_id=7)
    imported = datetime(2024, 5, 1, tzinfo=UTC)
    four_k = add_version(movie, version_fields(monitored=False, edition="Director's Cut"))
    MovieVersion.objects.filter(pk=four_k.pk).update(has_file=True, first_imported=imported)
    MovieFileFactory(
        movie=movie, version=four_k, is_primary=False, quality_id=19, relative_path="Heat 4K.mkv"
    )
    movie.refresh_from_db()

    primary, extra = version_facts([movie], compile_formats(CustomFormat.objects.all()))[movie.pk]

    assert (primary.version_id, primary.version_name, primary.edition) == (None, "", "")
    assert primary.quality_profile_id == profile("HD-1080p").pk and primary.monitored and primary.is_available
    assert primary.file.quality.quality.name == "Bluray-1080p"
    assert (extra.version_id, extra.version_name, extra.edition) == (four_k.pk, "4K", "Director's Cut")
    assert extra.quality_profile_id == profile("Ultra-HD").pk and not extra.monitored
    assert not extra.is_available  # released (its wish) is weeks away; in cinemas (the primary's) is now
    assert extra.file.quality.quality.name == "Bluray-2160p" and extra.first_imported == imported
    assert (extra.id, extra.title, extra.runtime, extra.tag_ids) == (
        primary.id,
        primary.title,
        primary.runtime,
        primary.tag_ids,
    )


def test_a_movie_without_extra_versions_has_the_facts_movie_facts_gives():
    movie = MovieFactory(title="Heat", year=1995)
    MovieFileFactory(movie=movie)
    formats = compile_formats(CustomFormat.objects.all())

    assert version_facts([movie], formats) == {movie.pk: [movie_facts([movie], formats)[movie.pk]]}


def test_an_extra_version_without_a_file_has_none_whatever_the_primary_has():
    movie = MovieFactory(title="Heat", year=1995)
    MovieFileFactory(movie=movie)
    add_version(movie, version_fields())

    _, extra = version_facts([movie], [])[movie.pk]

    assert extra.file is None and extra.first_imported is None


def _library(count: int) -> list[Movie]:
    movies = MovieFactory.create_batch(count)
    uhd = profile("Ultra-HD").pk
    MovieVersion.objects.bulk_create(
        MovieVersion(movie=movie, name="4K", quality_profile_id=uhd, minimum_availability="released")
        for movie in movies
    )
    for movie in movies[::3]:
        MovieFileFactory(movie=movie)
    return list(Movie.objects.filter(pk__in=[movie.pk for movie in movies]))


def _queries(movies: list[Movie]) -> int:
    with CaptureQueriesContext(connection) as captured:
        facts = version_facts(movies, [])
        queue_and_history_facts(facts)
    assert all(len(versions) == 2 for versions in facts.values())
    return len(captured)


def test_the_facts_of_a_batch_cost_as_many_queries_for_300_movies_as_for_30():
    small, large = _library(30), _library(300)

    assert _queries(small) == _queries(large) <= 8


def test_missing_and_cutoff_unmet_versions_list_movie_version_pairs():
    today = timezone.localdate()
    heat = MovieFactory(title="Heat", year=1995, quality_profile=profile("HD-1080p"))
    MovieFileFactory(movie=heat, quality_id=7)  # meets HD-1080p's cutoff
    heat_4k = add_version(heat, version_fields())
    arrival = MovieFactory(title="Arrival", year=2016, quality_profile=profile("HD-1080p"))
    MovieFileFactory(movie=arrival, quality_id=3)  # WEBDL-1080p: below the cutoff
    arrival_4k = add_version(arrival, version_fields())
    MovieVersion.objects.filter(pk=arrival_4k.pk).update(has_file=True)
    MovieFileFactory(
        movie=arrival, version=arrival_4k, is_primary=False, quality_id=18, relative_path="A.mkv"
    )
    waiting = MovieFactory(
        title="Zodiac",
        year=2007,
        status="inCinemas",
        minimum_availability="inCinemas",
        in_cinemas=today,
        digital_release=None,
        physical_release=None,
    )
    add_version(waiting, version_fields())  # out in cinemas only: its released-wishing version waits
    add_version(
        MovieFactory(title="Up", year=2009, has_file=True), version_fields(monitored=False)
    )  # not monitored

    missing = [(version.movie_id, version.id) for version in missing_versions()]
    unmet = [(version.movie_id, version.id) for version in cutoff_unmet_versions(available_only=True)]

    assert missing == [(heat.pk, heat_4k.pk), (waiting.pk, None)]
    assert unmet == [(arrival.pk, None), (arrival.pk, arrival_4k.pk)]


def test_a_grab_for_a_version_since_removed_is_not_the_primarys():
    movie = MovieFactory()
    four_k = add_version(movie, version_fields())
    for version, title in ((four_k, "Movie.2010.2160p.WEB-DL-GRP"), (None, "Movie.2010.1080p.WEB-DL-GRP")):
        History.objects.create(
            movie=movie, version=version, event_type=HistoryEventType.GRABBED, date=timezone.now(),
            source_title=title, data={"version": version.name} if version else {},
        )  # fmt: skip

    four_k.delete()  # the version goes; its grab stays in history, naming the version it was for
    facts = queue_and_history_facts([movie.pk])

    assert [grab.title for grab in facts.grabs[movie.pk]] == ["Movie.2010.1080p.WEB-DL-GRP"]
    assert len(facts.movie_grabs[movie.pk]) == 2
