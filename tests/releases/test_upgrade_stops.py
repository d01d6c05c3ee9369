"""A profile's upgrade stops (ours, Radarr issues #7817 and #7001) in the decision engine: an upgrade
window counted from the movie's first import, and a custom format upgrades stop at.

Pure: contexts built in memory, releases parsed by our own parser (as tests/releases/test_decisions.py).
"""

from datetime import timedelta

from django.utils import timezone

from releases import qualities as q
from releases.decisions.context import DownloadFacts, ExistingFile, QueuedRelease
from releases.decisions.engine import evaluate
from releases.qualities import QualityModel, Revision
from tests.releases.test_decisions import NOW, existing, make_context, make_movie, make_profile, make_release

WEBDL = "Heat.1995.1080p.WEB-DL.x264-GRP"
BLURAY = "Heat.1995.1080p.BluRay.x264-GRP"
BLURAY_X265 = "Heat.1995.1080p.BluRay.x265-GRP"
REMUX_FORMAT = 2  # tests.releases.test_decisions.FORMATS: the Remux custom format
X265_FORMAT = 1


def _context(**profile):
    return make_context(profiles={1: make_profile(**profile)})


def _imported(days_ago: int):
    return NOW - timedelta(days=days_ago)


def test_an_upgrade_inside_the_window_is_accepted():
    movie = make_movie(file=existing(q.WEBDL_1080P), first_imported=_imported(5))

    decision = evaluate(make_release(BLURAY), movie, _context(upgrade_window_days=7))

    assert decision.approved


def test_an_upgrade_after_the_window_is_rejected_naming_the_window_and_its_dates():
    movie = make_movie(file=existing(q.WEBDL_1080P), first_imported=_imported(10))

    decision = evaluate(make_release(BLURAY), movie, _context(upgrade_window_days=7))

    [rejection] = decision.rejections
    first_day = timezone.localdate(_imported(10))
    assert rejection.reason == "UpgradeWindowEnded"
    assert "7 days after the first import" in rejection.message
    assert first_day.isoformat() in rejection.message
    assert (first_day + timedelta(days=7)).isoformat() in rejection.message


def test_the_window_counts_from_the_first_import_not_from_the_file_now_on_disk():
    # the file on disk came yesterday (an upgrade); the movie's first file came 10 days ago
    file = ExistingFile(QualityModel(q.WEBDL_1080P), date_added=_imported(1))
    movie = make_movie(file=file, first_imported=_imported(10))

    decision = evaluate(make_release(BLURAY), movie, _context(upgrade_window_days=7))

    assert [rejection.reason for rejection in decision.rejections] == ["UpgradeWindowEnded"]


def test_after_the_window_even_a_proper_is_refused():
    movie = make_movie(file=existing(q.BLURAY_1080P), first_imported=_imported(30))

    decision = evaluate(
        make_release("Heat.1995.1080p.BluRay.PROPER.x264-GRP"), movie, _context(upgrade_window_days=7)
    )

    assert "UpgradeWindowEnded" in [rejection.reason for rejection in decision.rejections]


def test_a_missing_movie_is_grabbed_whatever_its_window():
    movie = make_movie(first_imported=_imported(400))  # had a file once, deleted since

    assert evaluate(make_release(BLURAY), movie, _context(upgrade_window_days=7)).approved


def test_a_file_with_the_cutoff_format_is_not_upgraded_and_the_rejection_names_the_format():
    file = existing(q.WEBDL_1080P, format_ids=frozenset({REMUX_FORMAT}))
    movie = make_movie(file=file)
    context = _context(cutoff_format_id=REMUX_FORMAT, cutoff_format_name="Remux")

    decision = evaluate(make_release(BLURAY), movie, context)

    [rejection] = decision.rejections
    assert rejection.reason == "DiskCutoffFormatMet"
    assert "Remux" in rejection.message and "HD-1080p" in rejection.message


def test_a_file_without_the_cutoff_format_is_upgraded_as_before():
    file = existing(q.WEBDL_1080P, format_ids=frozenset({X265_FORMAT}))
    context = _context(cutoff_format_id=REMUX_FORMAT, cutoff_format_name="Remux")

    assert evaluate(make_release(BLURAY), make_movie(file=file), context).approved


def test_a_proper_of_a_file_with_the_cutoff_format_is_still_taken_as_at_a_met_cutoff():
    file = ExistingFile(QualityModel(q.BLURAY_1080P, Revision(1)), format_ids=frozenset({X265_FORMAT}))
    context = _context(cutoff_format_id=X265_FORMAT, cutoff_format_name="x265")
    proper = make_release("Heat.1995.1080p.BluRay.PROPER.x265-GRP")

    decision = evaluate(proper, make_movie(file=file), context)

    assert decision.approved


def test_a_release_in_the_queue_with_the_cutoff_format_is_not_upgraded_by_another():
    queued = QueuedRelease(BLURAY_X265, QualityModel(q.WEBDL_1080P), format_ids=frozenset({X265_FORMAT}))
    context = _context(cutoff_format_id=X265_FORMAT, cutoff_format_name="x265")
    context.downloads = DownloadFacts(queued={10: [queued]})

    decision = evaluate(make_release(BLURAY), make_movie(), context)

    [rejection] = decision.rejections
    assert rejection.reason == "QueueCutoffFormatMet"
    assert rejection.message.startswith(f"In the queue: {BLURAY_X265}. It has x265: quality profile HD-1080p")


def test_the_window_does_not_hold_back_a_missing_movie_whose_queue_has_an_older_release():
    queued = QueuedRelease(WEBDL, QualityModel(q.WEBDL_1080P))
    context = _context(upgrade_window_days=7)
    context.downloads = DownloadFacts(queued={10: [queued]})

    decision = evaluate(make_release(BLURAY), make_movie(first_imported=_imported(400)), context)

    assert decision.approved
