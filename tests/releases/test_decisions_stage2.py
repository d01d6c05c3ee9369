"""The second stage of the decision engine: queue, history (RSS only), blocklist and already imported,
read from the facts downloads passes in `context.downloads`. It runs only when the first stage accepts."""

from datetime import timedelta

from releases import qualities as q
from releases.decisions.context import (
    BlockedRelease,
    DownloadFacts,
    GrabbedRelease,
    QueuedRelease,
    SearchCriteria,
)
from releases.decisions.engine import evaluate, stages_for
from releases.qualities import QualityModel
from tests.releases.test_decisions import NOW, make_context, make_movie, make_profile, make_release, reasons


def with_downloads(**facts) -> object:
    return make_context(downloads=DownloadFacts(**facts))


def queued(quality: q.Quality, title: str = "Heat.1995.queued") -> dict:
    return {"queued": {10: [QueuedRelease(title, QualityModel(quality))]}}


def grabbed(quality: q.Quality, **changes) -> dict:
    grab = GrabbedRelease(
        title="Heat.1995.grabbed", quality=QualityModel(quality), date=NOW - timedelta(hours=1)
    )
    values = {**{f: getattr(grab, f) for f in GrabbedRelease.__dataclass_fields__}, **changes}
    return {"grabs": {10: [GrabbedRelease(**values)]}}


def test_the_downloads_rules_are_the_second_stage():
    assert len(stages_for(None)) == 2
    assert [rule.__name__ for rule in stages_for(None)[1]] == [
        "queue",
        "history",
        "blocklist",
        "already_imported",
        "other_version",
    ]


def test_a_better_release_already_queued_rejects():
    decision = evaluate(
        make_release("Heat.1995.1080p.HDTV.x264-GRP"), make_movie(), with_downloads(**queued(q.BLURAY_1080P))
    )

    assert reasons(decision)[0].startswith("Queue")
    assert "In the queue: Heat.1995.queued" in decision.rejections[0].message


def test_an_upgrade_over_what_is_queued_is_accepted():
    decision = evaluate(
        make_release("Heat.1995.1080p.BluRay.x264-GRP"), make_movie(), with_downloads(**queued(q.HDTV_1080P))
    )

    assert decision.approved


def test_anything_queued_rejects_when_the_profile_does_not_upgrade():
    context = with_downloads(**queued(q.HDTV_1080P))
    context.profiles = {1: make_profile(upgrade_allowed=False)}

    assert reasons(evaluate(make_release(), make_movie(), context)) == ["QueueUpgradesDisabled"]


def test_without_upgrades_a_better_score_than_the_recent_grab_is_rejected():
    # the grab scores 0, below the minimum the profile now asks, so its cutoff is not met; a better score
    # of the same quality is still no upgrade when the profile allows none (Radarr's IsUpgradable)
    context = with_downloads(**grabbed(q.BLURAY_1080P))
    context.profiles = {1: make_profile(upgrade_allowed=False, min_format_score=10, format_scores={1: 50})}
    release = make_release("Heat.1995.1080p.BluRay.x265-GRP")

    decision = evaluate(release, make_movie(), context)
    context.profiles = {1: make_profile(min_format_score=10, cutoff_format_score=100, format_scores={1: 50})}

    assert reasons(decision) == ["HistoryUpgradesNotAllowed"]
    assert evaluate(release, make_movie(), context).approved


def test_a_recent_equal_grab_rejects_in_rss_but_not_in_a_search():
    context = with_downloads(**grabbed(q.BLURAY_1080P))

    rss = evaluate(make_release(), make_movie(), context)
    search = evaluate(make_release(), make_movie(), context, SearchCriteria(movie_id=10))

    assert reasons(rss)[0].startswith("History")
    assert search.approved


def test_a_grab_older_than_12_hours_no_longer_counts_with_completed_download_handling():
    old = grabbed(q.BLURAY_1080P, date=NOW - timedelta(hours=13))

    assert evaluate(make_release(), make_movie(), with_downloads(**old)).approved
    assert not evaluate(
        make_release(), make_movie(), with_downloads(**old, completed_download_handling=False)
    ).approved


def test_a_blocklisted_torrent_is_rejected_by_hash_even_under_another_name():
    blocked = {
        "blocklist": {10: [BlockedRelease(title="Other.Name", protocol="torrent", info_hash="ab" * 20)]}
    }
    release = make_release(protocol="torrent", info_hash="AB" * 20, seeders=10)

    assert reasons(evaluate(release, make_movie(), with_downloads(**blocked))) == ["Blocklisted"]


def test_a_blocklisted_title_from_the_same_indexer_and_post_is_rejected_but_another_indexer_is_not():
    release = make_release(indexer="One")
    blocked = BlockedRelease(
        title=release.title.upper(), protocol="usenet", indexer="One", published_date=release.publish_date
    )

    same = evaluate(release, make_movie(), with_downloads(blocklist={10: [blocked]}))
    other = evaluate(make_release(indexer="Two"), make_movie(), with_downloads(blocklist={10: [blocked]}))

    assert reasons(same) == ["Blocklisted"]
    assert other.approved


def test_a_release_grabbed_and_imported_before_is_rejected_by_hash_or_name():
    by_hash = grabbed(q.HDTV_1080P, imported=True, download_id="CD" * 20, title="x")
    by_name = grabbed(q.HDTV_1080P, imported=True, title="Heat.1995.1080p.BluRay.x264-GRP")
    torrent = make_release(protocol="torrent", info_hash="cd" * 20, seeders=5)

    same_hash = evaluate(torrent, make_movie(), with_downloads(**by_hash))
    assert reasons(same_hash) == ["AlreadyImportedSameHash"]
    assert same_hash.rejections[0].message == "The same torrent was grabbed and imported before"
    assert reasons(evaluate(make_release(), make_movie(), with_downloads(**by_name))) == [
        "AlreadyImportedSameName"
    ]


def test_the_second_stage_does_not_run_when_the_first_rejects():
    decision = evaluate(
        make_release("Heat.1995.480p.DVD.x264-GRP"), make_movie(), with_downloads(**queued(q.BLURAY_1080P))
    )

    assert not any(reason.startswith("Queue") for reason in reasons(decision))


def test_an_imported_grab_is_the_same_release_by_hash_for_torrents_with_one_and_by_title_otherwise():
    title = "Heat.1995.1080p.BluRay.x264-GRP"
    usenet = with_downloads(**grabbed(q.HDTV_1080P, imported=True, download_id="SABnzbd_nzo_1", title=title))
    torrent = with_downloads(**grabbed(q.HDTV_1080P, imported=True, download_id="CD" * 20, title=title))

    # a usenet job id is no hash: the title decides, and so it does for a torrent feed without hashes
    assert reasons(evaluate(make_release(title), make_movie(), usenet)) == ["AlreadyImportedSameName"]
    no_hash = make_release(title, protocol="torrent", seeders=5)
    assert reasons(evaluate(no_hash, make_movie(), usenet)) == ["AlreadyImportedSameName"]
    # another title, or another torrent under the same title, is another release
    assert evaluate(make_release("Heat.1995.1080p.BluRay.x264-OTHER"), make_movie(), usenet).approved
    other_hash = make_release(title, protocol="torrent", info_hash="ef" * 20, seeders=5)
    assert evaluate(other_hash, make_movie(), torrent).approved


def test_a_release_blocklisted_by_guid_or_behind_another_entry_is_still_found():
    release = make_release(guid="https://indexer/details/42", indexer="One")
    by_guid = BlockedRelease(title="Another.Name", protocol="usenet", guid="https://indexer/details/42")
    other_indexer = BlockedRelease(title=release.title, protocol="usenet", indexer="Two")
    same = BlockedRelease(title=release.title, protocol="usenet", indexer="One")

    blocked = evaluate(release, make_movie(), with_downloads(blocklist={10: [by_guid]}))
    assert [(r.reason, r.message) for r in blocked.rejections] == [
        ("Blocklisted", "This release is blocklisted")
    ]
    assert reasons(
        evaluate(release, make_movie(), with_downloads(blocklist={10: [other_indexer, same]}))
    ) == ["Blocklisted"]


def test_an_imported_grab_behind_one_not_imported_is_still_found():
    title = "Heat.1995.1080p.BluRay.x264-GRP"
    pending = grabbed(q.HDTV_1080P, title="Heat.1995.other", date=NOW - timedelta(days=2))["grabs"][10][0]
    imported = grabbed(q.HDTV_1080P, imported=True, title=title, date=NOW - timedelta(days=3))["grabs"][10][0]

    decision = evaluate(make_release(title), make_movie(), with_downloads(grabs={10: [pending, imported]}))

    assert reasons(decision) == ["AlreadyImportedSameName"]
