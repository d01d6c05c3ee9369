"""Deciding for a movie's versions, in memory: the edition wish, the version's own profile and file, and
the queue and grabs of each version kept apart (the primary version decides exactly as before)."""

from dataclasses import replace
from datetime import timedelta

import pytest

from releases import qualities as q
from releases.decisions.context import DownloadFacts, GrabbedRelease, QueuedRelease
from releases.decisions.edition_rules import edition_matches, edition_words
from releases.decisions.engine import decide, evaluate
from releases.defaults import profile_items
from releases.qualities import QualityModel
from tests.releases.test_decisions import (
    GB,
    NOW,
    existing,
    make_context,
    make_movie,
    make_profile,
    make_release,
    reasons,
)

UHD = [q.WEBDL_2160P, q.BLURAY_2160P, q.REMUX_2160P]


def uhd_profile():
    items, cutoff = profile_items(UHD, q.REMUX_2160P)
    return replace(make_profile(), id=2, name="Ultra-HD", cutoff=cutoff, items=tuple(items))


def context(**changes):
    ctx = make_context(**changes)
    ctx.profiles[2] = uhd_profile()
    return ctx


def four_k(**changes):
    return make_movie(version_id=7, version_name="4K", quality_profile_id=2, **changes)


def extended(**changes):
    return make_movie(version_id=8, version_name="Extended Cut", edition="Extended", **changes)


@pytest.mark.parametrize(
    ("wish", "edition", "matches"),
    [
        ("Director's Cut", "Directors Cut", True),
        ("Directors Cut", "Director's Cut", True),
        ("director's  cut", "DIRECTORS CUT", True),
        ("Extended", "EXTENDED", True),
        ("Extended Edition", "Extended", True),
        ("Extended", "Ultimate Extended Edition", True),
        ("IMAX", "IMAX", True),
        ("Theatrical", "Theatrical Cut", True),
        ("Director's Cut", "Directors Cut REMASTERED", True),
        ("Extended", "Theatrical Cut", False),
        ("Director's Cut", "Final Cut", False),
        ("Ultimate Extended", "Extended", False),
        ("IMAX", None, False),
        ("", "Anything", True),
        ("", None, True),
    ],
)
def test_an_edition_wish_matches_whatever_the_case_spacing_or_apostrophe(wish, edition, matches):
    assert edition_matches(wish, edition) is matches


def test_edition_words_drop_cut_edition_and_version_unless_they_are_all_it_says():
    assert edition_words("Director's Cut") == ("directors",)
    assert edition_words("Final Cut") == ("final",)
    assert edition_words("Cut") == ("cut",)


def test_a_version_wishing_for_an_edition_rejects_another_edition_and_says_why():
    decision = evaluate(make_release("Heat.1995.Directors.Cut.1080p.BluRay.x264-GRP"), extended(), context())

    assert reasons(decision) == ["WrongEdition"]
    assert decision.rejections[0].message == (
        "The Extended Cut version wants the Extended edition, not Directors Cut"
    )


def test_a_version_wishing_for_an_edition_rejects_a_release_naming_none():
    decision = evaluate(make_release("Heat.1995.1080p.BluRay.x264-GRP"), extended(), context())

    assert reasons(decision) == ["WrongEdition"]
    assert "this release names no edition" in decision.rejections[0].message


def test_the_wished_edition_is_accepted_and_the_decision_names_its_version():
    decision = evaluate(make_release("Heat.1995.EXTENDED.1080p.BluRay.x264-GRP"), extended(), context())

    assert decision.approved
    assert decision.explain()[0] == "Weighed for the Extended Cut version"


def test_the_primary_version_has_no_edition_wish_and_takes_any_edition():
    for title in ("Heat.1995.1080p.BluRay.x264-GRP", "Heat.1995.Directors.Cut.1080p.BluRay.x264-GRP"):
        decision = evaluate(make_release(title), make_movie(), context())
        assert decision.approved, decision.explain()
        assert not decision.explain()[0].startswith("Weighed for")


def test_a_2160p_release_is_accepted_for_the_4k_version_and_never_replaces_the_1080p_file():
    release = make_release("Heat.1995.2160p.UHD.BluRay.x265-GRP", size=40 * GB)
    primary = make_movie(file=existing(q.BLURAY_1080P))

    for_primary, for_4k = (evaluate(release, movie, context()) for movie in (primary, four_k()))

    assert "QualityNotWanted" in reasons(for_primary) and not for_primary.approved
    assert for_4k.approved, for_4k.explain()
    assert for_4k.candidate.profile.name == "Ultra-HD"


def test_the_4k_version_weighs_upgrades_against_its_own_file_not_the_primary_one():
    release = make_release("Heat.1995.2160p.UHD.BluRay.REMUX-GRP", size=60 * GB)
    with_uhd_file = four_k(file=existing(q.REMUX_2160P))

    assert reasons(evaluate(release, with_uhd_file, context())) == ["DiskCutoffMet"]
    assert evaluate(release, four_k(file=existing(q.BLURAY_2160P)), context()).approved


def test_a_4k_download_in_the_queue_does_not_stop_a_1080p_grab_and_the_reverse():
    downloads = DownloadFacts(
        queued={10: [QueuedRelease("Heat.1995.1080p.REMUX-GRP", QualityModel(q.REMUX_1080P))]},
        version_queued={7: [QueuedRelease("Heat.1995.2160p.REMUX-GRP", QualityModel(q.REMUX_2160P))]},
    )
    ctx = context(downloads=downloads)

    bluray_1080 = evaluate(make_release("Heat.1995.1080p.BluRay.x264-GRP"), make_movie(), ctx)
    bluray_2160 = evaluate(make_release("Heat.1995.2160p.BluRay.x265-GRP", size=40 * GB), four_k(), ctx)

    assert reasons(bluray_1080) == ["QueueCutoffMet"]  # the primary's own queue
    assert reasons(bluray_2160) == ["QueueCutoffMet"]  # the 4K version's own queue
    alone = context(downloads=replace(downloads, queued={}))
    assert evaluate(make_release("Heat.1995.1080p.BluRay.x264-GRP"), make_movie(), alone).approved


def test_a_recent_grab_counts_for_its_own_version_only():
    grab = GrabbedRelease("Heat.1995.2160p.REMUX-GRP", QualityModel(q.REMUX_2160P), NOW - timedelta(hours=1))
    ctx = context(downloads=DownloadFacts(version_grabs={7: [grab]}))
    release = make_release("Heat.1995.2160p.BluRay.x265-GRP", size=40 * GB)

    assert reasons(evaluate(release, four_k(), ctx)) == ["HistoryCutoffMet"]
    assert evaluate(make_release("Heat.1995.1080p.BluRay.x264-GRP"), make_movie(), ctx).approved


def test_a_release_grabbed_for_another_version_is_not_grabbed_again():
    title = "Heat.1995.EXTENDED.1080p.BluRay.x264-GRP"
    grab = GrabbedRelease(
        title,
        QualityModel(q.BLURAY_1080P),
        NOW - timedelta(days=2),
        version_key=8,
        version_name="Extended Cut",
    )
    ctx = context(downloads=DownloadFacts(version_grabs={8: [grab]}, movie_grabs={10: [grab]}))

    primary = evaluate(make_release(title), make_movie(), ctx)

    assert reasons(primary) == ["GrabbedForAnotherVersion"]
    assert "Already grabbed for the Extended Cut version" in primary.rejections[0].message
    assert reasons(evaluate(make_release(title), extended(), ctx)) != ["GrabbedForAnotherVersion"]


def test_a_batch_ranks_every_version_decision_and_each_keeps_its_version():
    releases = [
        (make_release("Heat.1995.1080p.BluRay.x264-GRP"), make_movie()),
        (make_release("Heat.1995.1080p.BluRay.x264-GRP"), four_k()),
        (make_release("Heat.1995.2160p.BluRay.x265-GRP", size=40 * GB), make_movie()),
        (make_release("Heat.1995.2160p.BluRay.x265-GRP", size=40 * GB), four_k()),
    ]

    decisions = decide(releases, context())

    accepted = {(d.release.title, d.candidate.movie.version_name) for d in decisions if d.approved}
    assert accepted == {("Heat.1995.1080p.BluRay.x264-GRP", ""), ("Heat.1995.2160p.BluRay.x265-GRP", "4K")}
