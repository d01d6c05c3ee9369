"""The decision engine: one test (or a small table) per Radarr rule, then staging, ranking, explaining.

Pure: contexts are built in memory from Radarr's defaults, releases parsed by our own parser.
"""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from releases import qualities as q
from releases.customformats.matching import compile_formats
from releases.decisions.context import (
    Context,
    DecisionSettings,
    DelayProfileFacts,
    ExistingFile,
    IndexerFacts,
    MovieFacts,
    ProfileFacts,
    ReleaseProfileFacts,
    SearchCriteria,
    SizeLimits,
)
from releases.decisions.engine import decide, evaluate
from releases.decisions.profile_rules import term_matches
from releases.defaults import profile_items
from releases.qualities import QualityModel, Revision
from releases.releaseinfo import IndexerFlag, ReleaseInfo

NOW = datetime(2026, 6, 1, 12, 0, tzinfo=UTC)
GB = 1024**3
HD_1080 = [q.HDTV_1080P, q.WEBDL_1080P, q.WEBRIP_1080P, q.BLURAY_1080P, q.REMUX_1080P]
FORMATS = [
    {"id": 1, "name": "x265", "specifications": [
        {"name": "x265", "implementation": "ReleaseTitleSpecification", "negate": False, "required": False,
         "fields": {"value": r"[xh][ .]?265|\bHEVC\b"}}]},
    {"id": 2, "name": "Remux", "specifications": [
        {"name": "remux", "implementation": "QualityModifierSpecification", "negate": False,
         "required": False, "fields": {"value": 5}}]},
]  # fmt: skip


def make_profile(**changes) -> ProfileFacts:
    items, cutoff = profile_items(HD_1080, q.BLURAY_1080P)
    profile = ProfileFacts(id=1, name="HD-1080p", upgrade_allowed=True, cutoff=cutoff, items=tuple(items))
    return replace(profile, **changes)


def make_context(**changes) -> Context:
    limits = {
        d.quality.id: SizeLimits(d.min_size, d.preferred_size, d.max_size)
        for d in q.DEFAULT_QUALITY_DEFINITIONS
    }
    context = Context(
        profiles={1: make_profile()}, size_limits=limits, formats=compile_formats(FORMATS), now=NOW
    )
    for name, value in changes.items():
        setattr(context, name, value)
    return context


def make_movie(**changes) -> MovieFacts:
    return replace(MovieFacts(id=10, title="Heat", year=1995, quality_profile_id=1, runtime=170), **changes)


def make_release(title: str = "Heat.1995.1080p.BluRay.x264-GRP", **changes) -> ReleaseInfo:
    release = ReleaseInfo(
        guid=title, title=title, size=12 * GB, protocol="usenet", publish_date=NOW - timedelta(days=2)
    )
    return replace(release, **changes)


def reasons(decision) -> list[str]:
    return [rejection.reason for rejection in decision.rejections]


def existing(quality: q.Quality, **changes) -> ExistingFile:
    return replace(ExistingFile(QualityModel(quality), date_added=NOW - timedelta(days=30)), **changes)


def test_a_plain_wanted_release_is_approved():
    decision = evaluate(make_release(), make_movie(), make_context())

    assert decision.approved and decision.explain()[-1] == "Accepted"


def test_the_explanation_says_where_the_quality_was_found():
    by_name = evaluate(make_release(), make_movie(), make_context())
    by_extension = evaluate(make_release("Heat.1995.GRP.mkv"), make_movie(), make_context())

    assert by_name.explain()[0] == "Quality Bluray-1080p (revision 1), from the name"
    assert by_extension.explain()[0] == "Quality WEBDL-720p (revision 1), from the file extension"
    remux = evaluate(make_release("Heat.1995.1080p.REMUX-GRP"), make_movie(), make_context())
    assert remux.explain()[0] == "Quality Remux-1080p (revision 1), not detected"  # no source in the name


def test_the_explanation_lists_a_matched_format_the_profile_does_not_score_as_zero():
    decision = evaluate(make_release("Heat.1995.1080p.BluRay.x265-GRP"), make_movie(), make_context())

    assert "Custom format x265: +0" in decision.explain()


def test_an_unparseable_title_and_an_unknown_movie_are_rejected_before_any_rule():
    assert reasons(evaluate(make_release("no year here 1080p"), make_movie(), make_context())) == [
        "UnableToParse"
    ]
    assert reasons(evaluate(make_release(), None, make_context())) == ["UnknownMovie"]


def test_quality_not_in_the_profile_is_not_wanted():
    decision = evaluate(
        make_release("Heat.1995.720p.BluRay.x264-GRP", size=6 * GB), make_movie(), make_context()
    )

    assert reasons(decision) == ["QualityNotWanted"] and "Bluray-720p" in decision.rejections[0].message


@pytest.mark.parametrize(
    ("size", "runtime", "reason"),
    [
        (100 * 1024**2, 170, "BelowMinimumSize"),
        (12 * GB, 0, "UnknownRuntime"),
        (40 * GB, 170, "AboveMaximumSize"),
    ],
)
def test_size_is_judged_against_the_definition_times_runtime(size, runtime, reason):
    context = make_context()
    context.size_limits[q.BLURAY_1080P.id] = SizeLimits(min_size=5, preferred_size=95, max_size=100)

    decision = evaluate(make_release(size=size), make_movie(runtime=runtime), context)

    assert reasons(decision) == [reason]


def test_size_rejections_say_the_sizes_in_mb_or_gb():
    context = make_context()
    context.size_limits[q.BLURAY_1080P.id] = SizeLimits(min_size=5, preferred_size=95, max_size=100)
    movie = make_movie(runtime=170)  # 850 MB to 17,000 MB

    small = evaluate(make_release(size=100 * 1024**2), movie, context)
    large = evaluate(make_release(size=40 * GB), movie, context)
    one_gb = evaluate(
        make_release(size=GB), movie, make_context(settings=DecisionSettings(maximum_size_mb=1000))
    )

    assert small.rejections[0].message == "100 MB is smaller than the minimum 850 MB (170 min)"
    assert large.rejections[0].message == "40.00 GB is larger than the maximum 16.60 GB (170 min)"
    assert one_gb.rejections[0].message == "1.00 GB is over the maximum size of 1000 MB"


def test_global_maximum_size():
    context = make_context(settings=DecisionSettings(maximum_size_mb=10_000))

    assert reasons(evaluate(make_release(size=11 * GB), make_movie(), context)) == ["MaximumSizeExceeded"]


def test_custom_format_score_below_the_profile_minimum():
    context = make_context(profiles={1: make_profile(min_format_score=10, format_scores={1: 5})})

    x265 = evaluate(make_release("Heat.1995.1080p.BluRay.x265-GRP"), make_movie(), context)

    assert reasons(x265) == ["CustomFormatMinimumScore"] and "x265" in x265.rejections[0].message


def test_language_must_be_the_profiles_or_the_movies_original():
    german = make_release("Heat.1995.German.1080p.BluRay.x264-GRP")

    assert reasons(evaluate(german, make_movie(), make_context())) == ["WantedLanguage"]
    context = make_context(profiles={1: make_profile(language_id=-2)})
    assert evaluate(german, make_movie(original_language_id=4), context).approved
    assert evaluate(german, make_movie(), make_context(profiles={1: make_profile(language_id=-1)})).approved


def test_a_title_naming_no_language_counts_as_the_movies_original_language():
    french_movie = make_movie(original_language_id=2)

    assert reasons(evaluate(make_release(), french_movie, make_context())) == ["WantedLanguage"]


def test_hardcoded_subs_unless_allowed_or_whitelisted():
    korean = make_release("Heat.1995.1080p.BluRay.KORSUB.x264-GRP")
    generic = make_release("Heat.1995.1080p.BluRay.HC.x264-GRP")
    allowed = make_context(settings=DecisionSettings(whitelisted_hardcoded_subs="hc, korsub"))

    assert reasons(evaluate(korean, make_movie(), make_context())) == ["HardcodeSubtitles"]
    assert evaluate(korean, make_movie(), allowed).approved
    # "HC" parses as generic hardcoded subs, which no whitelisted tag names
    assert reasons(evaluate(generic, make_movie(), allowed)) == ["HardcodeSubtitles"]


def test_small_samples_are_refused():
    sample = make_release("Heat.1995.1080p.BluRay.x264-GRP.sample", size=50 * 1024**2)

    assert "Sample" in reasons(evaluate(sample, make_movie(), make_context()))


@pytest.mark.parametrize(("title", "container"), [("Heat.1995.1080p.BluRay.DISC1-GRP", ""), (None, "m2ts")])
def test_raw_disc_structures_are_refused(title, container):
    release = make_release(title or "Heat.1995.1080p.BluRay.x264-GRP", container=container)

    assert reasons(evaluate(release, make_movie(), make_context())) == ["Raw"]


def test_minimum_age_is_temporary_and_only_for_usenet():
    fresh = make_release(publish_date=NOW - timedelta(minutes=5))
    context = make_context(settings=DecisionSettings(minimum_age_minutes=60))

    decision = evaluate(fresh, make_movie(), context)

    assert reasons(decision) == ["MinimumAge"] and decision.temporarily_rejected and not decision.rejected
    assert evaluate(replace(fresh, protocol="torrent"), make_movie(), context).approved


def test_retention_refuses_old_usenet_posts():
    old = make_release(publish_date=NOW - timedelta(days=400))

    assert reasons(
        evaluate(old, make_movie(), make_context(settings=DecisionSettings(retention_days=365)))
    ) == ["MaximumAge"]


def test_a_protocol_turned_off_in_the_delay_profile():
    context = make_context(delay_profiles=[DelayProfileFacts(enable_torrent=False)])

    assert reasons(evaluate(make_release(protocol="torrent"), make_movie(), context)) == ["ProtocolDisabled"]


def test_indexer_rules_blocked_required_flags_seeders_and_tags():
    indexer = IndexerFacts(id=3, name="Tracker", required_flags=IndexerFlag.G_FREELEECH, minimum_seeders=5)
    context = make_context(indexers={3: indexer})
    release = make_release(protocol="torrent", indexer_id=3, seeders=2)

    assert reasons(evaluate(release, make_movie(), context)) == ["RequiredFlags", "MinimumSeeders"]
    context.indexers[3] = replace(indexer, required_flags=0, minimum_seeders=1, tag_ids=frozenset({7}))
    assert reasons(evaluate(release, make_movie(), context)) == ["NoMatchingTag"]
    context.indexers[3] = replace(indexer, blocked_until=NOW + timedelta(hours=1))
    blocked = evaluate(release, make_movie(), context)
    assert "IndexerDisabled" in reasons(blocked)


def test_release_profiles_must_contain_and_must_not_contain_with_regex_terms():
    must = ReleaseProfileFacts(name="p", required=("/\\bbluray\\b/",), ignored=("x264",))
    context = make_context(release_profiles=[must])

    assert reasons(evaluate(make_release(), make_movie(), context)) == ["MustNotContainPresent"]
    assert reasons(evaluate(make_release("Heat.1995.1080p.WEB-DL.x265-GRP"), make_movie(), context)) == [
        "MustContainMissing"
    ]
    assert evaluate(make_release("Heat.1995.1080p.BluRay.x265-GRP"), make_movie(), context).approved


@pytest.mark.parametrize(
    ("term", "matches"),
    [
        ("/p/", True),  # the shortest regular expression
        ("//", False),  # two slashes are plain text, not an empty expression that matches anything
        ("x264/", False),  # only a term wrapped in slashes is an expression
        ("/x264", False),
        ("X264", True),  # plain text ignores case
        ("/X2[0-9]+/", True),
    ],
)
def test_a_term_is_a_regular_expression_only_between_slashes(term, matches):
    assert term_matches(term, "Heat.1995.1080p.BluRay.x264-GRP") is matches


def test_release_profiles_of_other_tags_or_indexers_do_not_apply():
    context = make_context(
        release_profiles=[
            ReleaseProfileFacts(name="p", ignored=("x264",), tag_ids=frozenset({9}), indexer_id=4)
        ]
    )

    assert evaluate(make_release(), make_movie(tag_ids=frozenset({9})), context).approved


def test_not_monitored_and_not_available_wait_for_rss_but_not_for_a_user_search():
    quiet = make_movie(monitored=False, is_available=False)

    assert reasons(evaluate(make_release(), quiet, make_context())) == ["MovieNotMonitored", "Availability"]
    user = SearchCriteria(movie_id=10, user_invoked=True)
    assert evaluate(make_release(), quiet, make_context(), search=user).approved


def test_a_search_refuses_a_release_for_another_movie():
    decision = evaluate(make_release(), make_movie(), make_context(), search=SearchCriteria(movie_id=99))

    assert reasons(decision) == ["WrongMovie"]
    assert decision.rejections[0].message == "This release is for Heat, not the movie searched for"


def test_delay_waits_unless_a_bypass_applies():
    context = make_context(delay_profiles=[DelayProfileFacts(usenet_delay=120)])
    fresh = make_release(publish_date=NOW - timedelta(minutes=30))

    waiting = evaluate(fresh, make_movie(), context)
    assert reasons(waiting) == ["MinimumAgeDelay"] and waiting.temporarily_rejected
    context.delay_profiles = [DelayProfileFacts(usenet_delay=120, bypass_if_highest_quality=True)]
    remux = replace(fresh, title="Heat.1995.1080p.BluRay.REMUX.AVC-GRP", size=30 * GB)
    assert evaluate(remux, make_movie(), context).approved  # Remux-1080p is the best in the profile
    assert reasons(evaluate(fresh, make_movie(), context)) == ["MinimumAgeDelay"]  # Bluray-1080p is not
    context.oldest_pending_minutes = {10: 200}
    assert evaluate(fresh, make_movie(), context).approved  # something has waited long enough
    user = SearchCriteria(movie_id=10, user_invoked=True)
    assert evaluate(
        fresh, make_movie(), make_context(delay_profiles=[DelayProfileFacts(usenet_delay=120)]), user
    ).approved


@pytest.mark.parametrize(
    ("file_quality", "title", "reason"),
    [
        (q.BLURAY_1080P, "Heat.1995.1080p.WEB-DL.x264-GRP", "DiskCutoffMet"),
        (q.REMUX_1080P, "Heat.1995.1080p.BluRay.x264-GRP", "DiskCutoffMet"),
        (q.WEBDL_1080P, "Heat.1995.1080p.HDTV.x264-GRP", "DiskHigherPreference"),
        (q.WEBDL_1080P, "Heat.1995.1080p.WEBRip.x264-GRP", "DiskCustomFormatScore"),
        (q.WEBDL_1080P, "Heat.1995.1080p.BluRay.x264-GRP", None),
    ],
)
def test_upgrades_over_the_file_on_disk(file_quality, title, reason):
    movie = make_movie(file=existing(file_quality))

    decision = evaluate(make_release(title), movie, make_context())

    assert reasons(decision) == ([reason] if reason else [])


def test_a_proper_of_the_same_quality_is_an_upgrade_even_at_the_cutoff():
    movie = make_movie(file=existing(q.BLURAY_1080P, release_group="GRP", date_added=NOW - timedelta(days=1)))

    decision = evaluate(make_release("Heat.1995.PROPER.1080p.BluRay.x264-GRP"), movie, make_context())

    assert decision.approved


def test_an_old_file_does_not_get_a_proper_from_rss():
    movie = make_movie(file=existing(q.BLURAY_1080P, release_group="GRP"))

    decision = evaluate(make_release("Heat.1995.PROPER.1080p.BluRay.x264-GRP"), movie, make_context())

    assert reasons(decision) == ["ProperForOldFile"]


def test_custom_format_score_upgrades_need_the_minimum_increment():
    profile = make_profile(cutoff_format_score=100, min_upgrade_format_score=10, format_scores={1: 5})
    movie = make_movie(file=existing(q.WEBDL_1080P))
    context = make_context(profiles={1: profile})

    decision = evaluate(make_release("Heat.1995.1080p.WEB-DL.x265-GRP"), movie, context)

    assert reasons(decision) == ["DiskCustomFormatScoreIncrement"]


def test_no_upgrades_when_the_profile_forbids_them():
    movie = make_movie(file=existing(q.WEBDL_1080P))
    context = make_context(profiles={1: make_profile(upgrade_allowed=False)})

    decision = evaluate(make_release(), movie, context)

    assert "QualityUpgradesDisabled" in reasons(decision)


def test_without_upgrades_a_better_score_of_the_same_quality_is_no_upgrade_either():
    # the file scores 0, below the profile's minimum, so the cutoff is not met: only the profile's
    # "no upgrades" stops the x265 release, which scores 50 (Radarr's IsUpgradeAllowed and IsUpgradable)
    profile = make_profile(
        upgrade_allowed=False, min_format_score=10, cutoff_format_score=100, format_scores={1: 50}
    )
    movie = make_movie(file=existing(q.BLURAY_1080P))

    decision = evaluate(
        make_release("Heat.1995.1080p.BluRay.x265-GRP"), movie, make_context(profiles={1: profile})
    )
    allowed = evaluate(
        make_release("Heat.1995.1080p.BluRay.x265-GRP"),
        movie,
        make_context(profiles={1: replace(profile, upgrade_allowed=True)}),
    )

    assert reasons(decision) == ["QualityUpgradesDisabled", "DiskUpgradesNotAllowed"]
    assert "HD-1080p" in decision.rejections[1].message
    assert allowed.approved


@pytest.mark.parametrize(
    ("file_group", "title", "reason"),
    [
        ("GRP", "Heat.1995.REPACK.1080p.BluRay.x264-OTHER", "RepackReleaseGroupDoesNotMatch"),
        (None, "Heat.1995.REPACK.1080p.BluRay.x264-GRP", "RepackUnknownReleaseGroup"),
        ("GRP", "Heat.1995.REPACK.1080p.BluRay.x264-GRP", None),
    ],
)
def test_repacks_only_replace_the_same_groups_file(file_group, title, reason):
    movie = make_movie(
        file=existing(q.BLURAY_1080P, release_group=file_group, date_added=NOW - timedelta(days=1))
    )

    decision = evaluate(make_release(title), movie, make_context())

    assert reasons(decision) == ([reason] if reason else [])


def test_ranking_prefers_quality_then_score_then_protocol_then_priority_then_size():
    context = make_context(profiles={1: make_profile(format_scores={1: 50})})
    movie = make_movie()
    web = make_release("Heat.1995.1080p.WEB-DL.x264-A")
    bluray = make_release("Heat.1995.1080p.BluRay.x264-B")
    bluray_x265 = make_release("Heat.1995.1080p.BluRay.x265-C")
    torrent = replace(bluray_x265, guid="t", protocol="torrent", seeders=50)
    low_priority = replace(bluray_x265, guid="p", indexer_priority=40)
    rejected = make_release("Heat.1995.720p.BluRay.x264-D")

    ranked = decide(
        [(r, movie) for r in (web, rejected, low_priority, bluray, torrent, bluray_x265)], context
    )

    assert [d.release.guid for d in ranked] == [
        bluray_x265.guid,
        "p",
        "t",
        bluray.guid,
        web.guid,
        rejected.guid,
    ]


def test_size_closest_to_preferred_wins_a_tie():
    context = make_context()
    context.size_limits[q.BLURAY_1080P.id] = SizeLimits(0, 60, None)  # 60 MB/min x 170 min ~ 10 GB
    near = make_release(guid="near", size=10 * GB)
    far = make_release(guid="far", size=30 * GB)

    assert [d.release.guid for d in decide([(far, make_movie()), (near, make_movie())], context)] == [
        "near",
        "far",
    ]


def test_size_closest_to_preferred_wins_even_when_it_is_the_bigger():
    context = make_context()
    context.size_limits[q.BLURAY_1080P.id] = SizeLimits(0, 60, None)  # 60 MB/min x 170 min ~ 10 GB
    near = make_release(guid="near", size=10 * GB)
    small = make_release(guid="small", size=3 * GB)

    ranked = decide([(small, make_movie()), (near, make_movie())], context)

    assert [d.release.guid for d in ranked] == ["near", "small"]


@pytest.mark.parametrize(
    ("older_hours", "newer_hours"),
    [
        (24, 23),  # a day old is as fresh as an hour old
        (24 * 7, 100),  # a week old is as fresh as four days old
        (2, 0.5),  # under an hour is fresher, but ranks only above
    ],
)
def test_usenet_posts_are_ranked_by_freshness_in_radarrs_steps(older_hours, newer_hours):
    # the older post is nearer the preferred size: it wins when both fall in the same freshness step
    context = make_context()
    context.size_limits[q.BLURAY_1080P.id] = SizeLimits(0, 60, None)  # ~10 GB preferred
    older = make_release(guid="older", size=10 * GB, publish_date=NOW - timedelta(hours=older_hours))
    newer = make_release(guid="newer", size=3 * GB, publish_date=NOW - timedelta(hours=newer_hours))

    ranked = [d.release.guid for d in decide([(newer, make_movie()), (older, make_movie())], context)]

    assert ranked == (["newer", "older"] if newer_hours < 1 else ["older", "newer"])


def test_a_format_on_an_indexer_flag_scores_the_flagged_release_only():
    freeleech = {"id": 3, "name": "Freeleech", "specifications": [
        {"name": "fl", "implementation": "IndexerFlagSpecification", "negate": False, "required": False,
         "fields": {"value": int(IndexerFlag.G_FREELEECH)}}]}  # fmt: skip
    context = make_context(
        profiles={1: make_profile(format_scores={3: 25})}, formats=compile_formats([freeleech])
    )

    flagged = evaluate(make_release(indexer_flags=IndexerFlag.G_FREELEECH), make_movie(), context)
    plain = evaluate(make_release(), make_movie(), context)

    assert flagged.candidate.format_score == 25 and plain.candidate.format_score == 0


MESSAGE_CASES = {
    "not available": (
        lambda: (make_release(), make_movie(is_available=False), make_context()),
        ("Availability", "Heat is not available yet (minimum availability)"),
    ),
    "not monitored": (
        lambda: (make_release(), make_movie(monitored=False), make_context()),
        ("MovieNotMonitored", "The movie is not monitored"),
    ),
    "old file proper": (
        lambda: (
            make_release("Heat.1995.PROPER.1080p.BluRay.x264-GRP"),
            make_movie(file=existing(q.BLURAY_1080P, release_group="GRP")),
            make_context(),
        ),
        ("ProperForOldFile", "A proper for a file imported more than 7 days ago"),
    ),
    "repacks off": (
        lambda: (
            make_release("Heat.1995.REPACK.1080p.BluRay.x264-GRP"),
            make_movie(file=existing(q.BLURAY_1080P, release_group="GRP", date_added=NOW)),
            make_context(settings=DecisionSettings(download_propers_and_repacks="doNotUpgrade")),
        ),
        ("RepackDisabled", "Repacks are not upgraded to (Settings → Media Management)"),
        ("PropersDisabled", "Propers and repacks are not upgraded to (Settings → Media Management)"),
    ),
    "repack without group": (
        lambda: (
            make_release("Heat.1995.REPACK.1080p.BluRay.x264"),
            make_movie(file=existing(q.BLURAY_1080P, release_group="GRP", date_added=NOW)),
            make_context(),
        ),
        ("RepackUnknownReleaseGroup", "This release's group is unknown"),
    ),
    "file of a higher revision": (
        lambda: (
            make_release("Heat.1995.1080p.WEB-DL.x264-GRP"),
            make_movie(
                file=replace(
                    existing(q.WEBDL_1080P), quality=QualityModel(q.WEBDL_1080P, Revision(version=2))
                )
            ),
            make_context(),
        ),
        ("DiskHigherRevision", "The existing file is a higher revision (proper or repack)"),
    ),
}


def _sized_context() -> Context:
    context = make_context()
    context.size_limits[q.BLURAY_1080P.id] = SizeLimits(min_size=5, preferred_size=95, max_size=100)
    return context


MESSAGE_CASES |= {
    "no runtime": (
        lambda: (make_release(), make_movie(runtime=0), _sized_context()),
        ("UnknownRuntime", "Heat has no runtime yet, so the size of this release can't be checked"),
    ),
    "required term missing": (
        lambda: (
            make_release(),
            make_movie(),
            make_context(
                release_profiles=[ReleaseProfileFacts(name="p", required=("remux", "/\\bhevc\\b/"))]
            ),
        ),
        ("MustContainMissing", "Contains none of the required terms: remux, /\\bhevc\\b/"),
    ),
    "sample": (
        lambda: (
            make_release("Heat.1995.1080p.BluRay.x264-GRP.sample", size=50 * 1024**2),
            make_movie(),
            make_context(),
        ),
        ("Sample", "Looks like a sample"),
    ),
    "past retention": (
        lambda: (
            make_release(publish_date=NOW - timedelta(days=400)),
            make_movie(),
            make_context(settings=DecisionSettings(retention_days=365)),
        ),
        ("MaximumAge", "400 days old, older than the retention of 365 days"),
    ),
    "indexer paused": (
        lambda: (
            make_release(indexer_id=3),
            make_movie(),
            make_context(
                indexers={3: IndexerFacts(id=3, name="Tracker", blocked_until=NOW + timedelta(hours=1))}
            ),
        ),
        ("IndexerDisabled", "Tracker is paused until 2026-06-01 13:00 UTC after failures"),
    ),
    "unknown wanted language": (
        lambda: (make_release(), make_movie(), make_context(profiles={1: make_profile(language_id=999)})),
        ("WantedLanguage", "Wanted 999, but the release is in English"),
    ),
}


def test_a_release_old_enough_passes_the_minimum_age_and_a_young_one_waits():
    context = make_context(settings=DecisionSettings(minimum_age_minutes=60))
    young = evaluate(make_release(publish_date=NOW - timedelta(minutes=5)), make_movie(), context)

    assert evaluate(make_release(publish_date=NOW - timedelta(minutes=90)), make_movie(), context).approved
    assert [(r.reason, r.message, r.permanent) for r in young.rejections] == [
        ("MinimumAge", "Only 5.0 minutes old, the minimum is 60", False)
    ]


def test_a_quality_without_a_definition_has_no_size_limits():
    assert evaluate(make_release(size=200 * GB), make_movie(), make_context(size_limits={})).approved


@pytest.mark.parametrize("case", sorted(MESSAGE_CASES))
def test_each_rejection_says_why_in_words(case):
    build, *expected = MESSAGE_CASES[case]

    decision = evaluate(*build())

    assert [(rejection.reason, rejection.message) for rejection in decision.rejections] == expected


def test_a_decision_explains_quality_formats_score_and_reasons():
    context = make_context(profiles={1: make_profile(format_scores={1: -100}, min_format_score=0)})

    lines = evaluate(make_release("Heat.1995.1080p.BluRay.x265-GRP"), make_movie(), context).explain()

    assert lines[0].startswith("Quality Bluray-1080p") and "from the name" in lines[0]
    assert "Custom format x265: -100" in lines
    assert any(line.startswith("Rejected (CustomFormatMinimumScore)") for line in lines)


def test_only_the_first_rejecting_stage_is_reported(monkeypatch):
    from releases.decisions import engine

    later_stage_ran = []
    monkeypatch.setattr(
        engine,
        "stages_for",
        lambda search: [engine.GENERAL, [lambda c, x: later_stage_ran.append(1)]],
    )

    evaluate(make_release("Heat.1995.720p.BluRay.x264-GRP"), make_movie(), make_context())

    assert later_stage_ran == []


def test_revision_is_carried_into_the_candidate():
    decision = evaluate(make_release("Heat.1995.REPACK2.1080p.BluRay.x264-GRP"), make_movie(), make_context())

    assert decision.candidate.revision == Revision(version=3, real=0, is_repack=True)


@pytest.mark.django_db
def test_the_context_loads_in_a_fixed_number_of_queries(django_assert_max_num_queries):
    from radarr.models import Tag
    from releases.decisions.loading import load_context
    from releases.models import CustomFormat, DelayProfile, ProfileFormatScore, QualityProfile, ReleaseProfile

    tag = Tag.objects.create(label="4k")
    for n in range(5):
        custom_format = CustomFormat.objects.create(name=f"f{n}", specifications=FORMATS[0]["specifications"])
        for profile in QualityProfile.objects.all():
            ProfileFormatScore.objects.create(profile=profile, custom_format=custom_format, score=n)
        DelayProfile.objects.create(order=n, preferred_protocol="torrent", usenet_delay=n).tags.add(tag)
        ReleaseProfile.objects.create(name=f"r{n}", ignored=["cam"]).tags.add(tag)

    with django_assert_max_num_queries(8):
        context = load_context()

    assert len(context.profiles) == 6 and len(context.formats) == 5 and len(context.size_limits) == 30
    assert context.profiles[1].format_scores == {
        f.pk: n for n, f in enumerate(CustomFormat.objects.order_by("pk"))
    }
    *tagged, default = context.delay_profiles
    assert [profile.tag_ids for profile in tagged] == [{tag.pk}] * 5 and default.tag_ids == frozenset()
    assert [(p.preferred_protocol, p.usenet_delay) for p in tagged] == [("torrent", n) for n in range(5)]
    assert len(context.release_profiles) == 5


def test_the_context_carries_the_quality_definitions_limits_and_the_indexers_passed_in(db):
    from releases.decisions.loading import load_context
    from releases.models import QualityDefinition

    QualityDefinition.objects.filter(quality_id=q.BLURAY_1080P.id).update(
        min_size=7, preferred_size=80, max_size=90
    )
    indexer = IndexerFacts(id=3, name="Tracker")

    context = load_context(indexers={3: indexer})

    assert context.size_limits[q.BLURAY_1080P.id] == SizeLimits(7, 80, 90)
    assert context.indexers == {3: indexer}
