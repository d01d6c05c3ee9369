"""Pending releases: kept once per movie and guid, aged for the delay rule, re-decided, grabbed on request."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from downloads.models import History, PendingRelease
from downloads.pending import (
    oldest_pending_minutes,
    pending_decisions_ready,
    release_from_json,
    release_to_json,
    store_pending,
)
from downloads.queueids import pending_queue_id
from releases.decisions.loading import load_context
from releases.decisions.rejection import Rejection
from releases.models import DelayProfile
from tests.downloads.factories import approved, release, sabnzbd
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def delayed(decision):
    return replace(
        decision, rejections=[Rejection("MinimumAgeDelay", "Waiting 60 more minutes", permanent=False)]
    )


def test_a_release_round_trips_through_json():
    info = release("Heat.1995.720p.WEB-DL-GRP", "torrent", seeders=3, info_hash="AB")

    assert release_from_json(release_to_json(info)) == info


def test_temporarily_rejected_releases_are_kept_once_per_movie_and_guid():
    movie = MovieFactory(title="Heat", year=1995)
    decision = delayed(approved(movie, release("Heat.1995.720p.WEB-DL-GRP")))

    first = store_pending([decision, decision])
    again = store_pending([decision])

    assert (first, again) == (1, 0)
    row = PendingRelease.objects.get()
    assert (row.movie_id, row.reason, row.quality_id) == (movie.pk, "MinimumAgeDelay", 5)


def test_approved_and_permanently_rejected_decisions_are_not_kept():
    movie = MovieFactory(title="Heat", year=1995)
    decision = approved(movie, release("Heat.1995.720p.WEB-DL-GRP"))
    rejected = replace(decision, rejections=[Rejection("QualityNotWanted", "no")])

    assert store_pending([decision, rejected]) == 0


def test_the_oldest_pending_release_of_each_movie_gives_its_age_in_minutes():
    movie = MovieFactory(title="Heat", year=1995)
    store_pending([delayed(approved(movie, release("Heat.1995.720p.WEB-DL-GRP")))])
    PendingRelease.objects.update(added=timezone.now() - timedelta(minutes=90))

    minutes = oldest_pending_minutes()

    assert 89 < minutes[movie.pk] < 91


def test_pending_releases_are_decided_again_and_dropped_when_no_longer_wanted():
    movie = MovieFactory(title="Heat", year=1995)
    store_pending([delayed(approved(movie, release("Heat.1995.720p.WEB-DL-GRP")))])
    profile = DelayProfile.objects.order_by("order").last()
    profile.usenet_delay = 0
    profile.save()

    ready = pending_decisions_ready(load_context(now=datetime(2024, 1, 1, 1, tzinfo=UTC)))

    assert [d.release.title for d in ready if d.approved] == ["Heat.1995.720p.WEB-DL-GRP"]


def test_a_pending_release_is_grabbed_now_through_the_api(api_client, fake_server):
    fake_server.add(
        "/api", method="POST", query={"mode": "addfile"}, body='{"status": true, "nzo_ids": ["nzo_7"]}'
    )
    fake_server.add("/nzb", body=b"<nzb/>")
    sabnzbd(fake_server.url)
    movie = MovieFactory(title="Heat", year=1995)
    store_pending(
        [
            delayed(
                approved(movie, release("Heat.1995.720p.WEB-DL-GRP", download_url=f"{fake_server.url}/nzb"))
            )
        ]
    )
    record_id = pending_queue_id(PendingRelease.objects.get().pk, movie.pk)

    response = api_client.post(f"/api/v3/queue/grab/{record_id}")

    assert response.status_code == 200
    assert History.objects.get().download_id == "nzo_7"
    assert not PendingRelease.objects.exists()
    assert api_client.post("/api/v3/queue/grab/1").status_code == 404
