"""The eight reputation factors, each with worked examples computed by hand.

Sums in `Evidence` are decayed (w = 1 for fresh evidence, 0.5 for evidence one half-life old); the
per-release levels (seeder level, completion level, size closeness) arrive already summed, as the
database computes them: ln 51 = 3.93183, ln 8 = 2.07944, ln 2 = 0.69315, ln 4 = 1.38629.
"""

import math

import pytest

from scenegroups.factors import (
    Evidence,
    category_diversity,
    completion_rate,
    internal_ratio,
    quality_consistency,
    recency,
    seeder_health,
    size_appropriateness,
    volume,
)

LN51 = math.log(51)


def test_seeder_health_is_full_at_fifty_seeders():
    evidence = Evidence(seeded=1, seeded_weight=1.0, seeder_level=1.0, seeder_log=LN51)

    score, sentence = seeder_health(evidence)

    assert score == pytest.approx(100.0)
    assert sentence == "1 torrent, typically 50 seeders"


def test_seeder_health_averages_levels_and_leechers_add_a_little():
    # a dead torrent (level 0) and one with 7 seeders (ln 8 / ln 51 = 0.52888) and 50 leechers (level 1):
    # seeders 0.52888 / 2 = 0.26444, leechers 1 / 2 = 0.5; 100 * (0.26444 + 0.1 * 0.5) = 31.44
    evidence = Evidence(
        seeded=2,
        seeded_weight=2.0,
        seeder_level=math.log(8) / LN51,
        leecher_level=1.0,
        seeder_log=math.log(8),
    )

    score, sentence = seeder_health(evidence)

    assert score == pytest.approx(31.44, abs=0.01)
    assert sentence == "2 torrents, typically 2 seeders"  # exp(ln 8 / 2) - 1 = 1.83


def test_old_torrents_weigh_less_in_seeder_health():
    # a fresh dead torrent (w 1, level 0) and a healthy one a half-life old (w 0.5, level 1): 0.5 / 1.5
    evidence = Evidence(seeded=2, seeded_weight=1.5, seeder_level=0.5, seeder_log=0.5 * LN51)

    score, _ = seeder_health(evidence)

    assert score == pytest.approx(33.33, abs=0.01)


def test_seeder_health_never_passes_a_hundred():
    evidence = Evidence(seeded=1, seeded_weight=1.0, seeder_level=1.0, leecher_level=1.0, seeder_log=LN51)

    assert seeder_health(evidence)[0] == 100.0


def test_usenet_only_groups_have_no_seeder_health_nor_internal_ratio():
    evidence = Evidence(releases=12, weight=12.0)

    assert seeder_health(evidence)[0] is None
    assert internal_ratio(evidence)[0] is None


def test_internal_ratio_is_the_decayed_share_of_internal_torrents():
    # internal: one fresh (1) and one a half-life old (0.5); two fresh others: 1.5 / 3.5 = 42.86
    evidence = Evidence(torrents=4, torrent_weight=3.5, internal_releases=2, internal_weight=1.5)

    score, sentence = internal_ratio(evidence)

    assert score == pytest.approx(42.86, abs=0.01)
    assert sentence == "2 of 4 torrents flagged internal"


def test_completion_rate_from_tracker_counts_alone():
    # 99 completions in 100 days: log10(1 + 100 * 0.99) / 3 = log10(100) / 3 = 2/3
    evidence = Evidence(completed=1, completed_weight=1.0, completion_level=2 / 3)

    score, sentence = completion_rate(evidence)

    assert score == pytest.approx(66.67, abs=0.01)
    assert sentence == "1 release, typically completed 0.99 times a day"


def test_completion_rate_from_our_outcomes_counts_an_upgrade_as_half_bad():
    # good 3; bad 1 failed + 0.5 * 2 upgraded = 2: 3 / 5
    evidence = Evidence(
        outcomes={"imported": 3.0, "failed": 1.0, "upgraded": 2.0},
        outcome_counts={"imported": 3, "failed": 1, "upgraded": 2},
    )

    score, sentence = completion_rate(evidence)

    assert score == pytest.approx(60.0)
    assert sentence == "ours: 3 imported, 1 failed, 0 rejected, 0 deleted, 2 upgraded away"


def test_a_file_the_user_deleted_is_a_bad_outcome():
    evidence = Evidence(
        outcomes={"imported": 1.0, "deleted": 1.0}, outcome_counts={"imported": 1, "deleted": 1}
    )

    assert completion_rate(evidence)[0] == pytest.approx(50.0)


def test_completion_rate_blends_our_outcomes_with_tracker_counts():
    # ours: 3 imported -> 1.0, weighing 3 / (3 + 3) = 0.5; tracker 2/3: 0.5 * 1 + 0.5 * 2/3 = 0.8333
    evidence = Evidence(
        completed=1,
        completed_weight=1.0,
        completion_level=2 / 3,
        outcomes={"imported": 3.0},
        outcome_counts={"imported": 3},
    )

    score, sentence = completion_rate(evidence)

    assert score == pytest.approx(83.33, abs=0.01)
    assert sentence.startswith("1 release, typically completed 0.99 times a day; ours: 3 imported")


def test_grabs_still_under_way_say_nothing_about_completion():
    evidence = Evidence(releases=3, weight=3.0, outcomes={"grabbed": 2.0}, outcome_counts={"grabbed": 2})

    assert completion_rate(evidence)[0] is None


def test_quality_consistency_is_the_share_of_the_most_common_quality():
    evidence = Evidence(qualities={"Bluray-1080p": 3.0, "WEBDL-1080p": 1.0})

    score, sentence = quality_consistency(evidence)

    assert score == pytest.approx(75.0)
    assert sentence == "75% Bluray-1080p across 2 qualities"


def test_quality_consistency_follows_the_decayed_weights():
    # two fresh WEBDL (2.0) against four Bluray two half-lives old (4 * 0.25 = 1.0): 2 / 3
    evidence = Evidence(qualities={"Bluray-1080p": 1.0, "WEBDL-1080p": 2.0})

    score, sentence = quality_consistency(evidence)

    assert score == pytest.approx(66.67, abs=0.01)
    assert sentence == "67% WEBDL-1080p across 2 qualities"


def test_quality_consistency_needs_a_known_quality():
    assert quality_consistency(Evidence(releases=2, weight=2.0))[0] is None


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0.0, 100.0),
        (7.0, 100.0),
        # 1 - ln(49 / 7) / ln(730 / 7) = 1 - 1.94591 / 4.64714 = 0.58127
        (49.0, 58.13),
        (730.0, 0.0),
        (2000.0, 0.0),
    ],
)
def test_recency_falls_from_a_week_to_two_years(days, expected):
    score, sentence = recency(Evidence(releases=1, weight=1.0, newest_days=days))

    assert score == pytest.approx(expected, abs=0.01)
    assert sentence.startswith("Newest release ")


@pytest.mark.parametrize(
    ("categories", "indexers", "expected"),
    [(1, 1, 25.0), (0, 2, 50.0), (2, 2, 75.0), (2, 3, 100.0), (5, 5, 100.0)],
)
def test_category_diversity_counts_categories_and_indexers(categories, indexers, expected):
    evidence = Evidence(releases=10, weight=10.0, categories=categories, indexers=indexers)

    assert category_diversity(evidence)[0] == pytest.approx(expected)


def test_recency_sentence_says_how_long_ago():
    assert recency(Evidence(releases=1, weight=1.0, newest_days=1.2))[1] == "Newest release 1 day ago"
    assert recency(Evidence(releases=1, weight=1.0, newest_days=49.0))[1] == "Newest release 49 days ago"


def test_category_diversity_sentence():
    evidence = Evidence(releases=10, weight=10.0, categories=2, indexers=1)

    assert category_diversity(evidence)[1] == "2 categories on 1 indexer"


@pytest.mark.parametrize(
    ("weight", "expected"),
    [
        (1.0, 11.15),  # ln 2 / ln 501 = 0.69315 / 6.21661 = 0.11150
        (10.0, 38.57),  # ln 11 / ln 501 = 2.39790 / 6.21661
        (500.0, 100.0),
        (2000.0, 100.0),
    ],
)
def test_volume_grows_with_the_logarithm_of_decayed_sightings(weight, expected):
    assert volume(Evidence(releases=int(weight), weight=weight))[0] == pytest.approx(expected, abs=0.01)


def test_volume_sentence_shows_the_count_and_its_decayed_weight():
    assert volume(Evidence(releases=40, weight=12.34))[1] == "40 releases, 12.3 after ageing"


def test_groups_never_seen_have_no_volume_recency_or_diversity():
    evidence = Evidence(outcomes={"imported": 1.0}, outcome_counts={"imported": 1})

    assert volume(evidence)[0] is None
    assert recency(evidence)[0] is None
    assert category_diversity(evidence)[0] is None


def test_size_appropriateness_averages_closeness_to_the_preferred_size():
    # exactly the preferred size (1) and twice it (1 - ln 2 / ln 4 = 0.5): 1.5 / 2
    evidence = Evidence(sized=2, sized_weight=2.0, size_level=1.5, size_log=math.log(2))

    score, sentence = size_appropriateness(evidence)

    assert score == pytest.approx(75.0)
    assert sentence == "2 releases, typically 1.41x the preferred size"  # exp(ln 2 / 2)


def test_size_appropriateness_needs_a_preferred_size():
    assert size_appropriateness(Evidence(releases=3, weight=3.0))[0] is None
