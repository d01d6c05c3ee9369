"""Combining factor scores into a reputation: weights, renormalisation, rounding, confidence, and
hypothesis property tests that the score stays within 0-100 and moves the right way."""

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scenegroups.factors import Evidence
from scenegroups.models import DEFAULT_WEIGHTS, FACTOR_NAMES
from scenegroups.scoring import assess, combine, confidence

ALL_100 = dict.fromkeys(FACTOR_NAMES, 100.0)


def test_default_weights_combine_every_factor():
    # seeder health (25%) at 0, everything else (75%) at 100
    scores = ALL_100 | {"seeder_health": 0.0}

    assert combine(scores, DEFAULT_WEIGHTS) == 75.0


def test_factors_without_evidence_are_left_out_and_weights_renormalised():
    # only recency (10) and volume (5): (90 * 10 + 30 * 5) / 15 = 70
    scores = dict.fromkeys(FACTOR_NAMES) | {"recency": 90.0, "volume": 30.0}

    assert combine(scores, DEFAULT_WEIGHTS) == 70.0


def test_the_score_is_rounded_to_one_decimal():
    scores = dict.fromkeys(FACTOR_NAMES) | {"seeder_health": 100 / 3}

    assert combine(scores, DEFAULT_WEIGHTS) == 33.3


def test_no_factor_with_evidence_scores_zero():
    assert combine(dict.fromkeys(FACTOR_NAMES), DEFAULT_WEIGHTS) == 0.0


def test_edited_weights_change_the_score():
    scores = ALL_100 | {"volume": 0.0}
    weights = dict.fromkeys(FACTOR_NAMES, 0) | {"volume": 50, "recency": 50}

    assert combine(scores, weights) == 50.0


def test_all_weights_zero_counts_the_factors_equally():
    scores = dict.fromkeys(FACTOR_NAMES) | {"recency": 80.0, "volume": 20.0}

    assert combine(scores, dict.fromkeys(FACTOR_NAMES, 0)) == 50.0


def test_a_negative_weight_counts_as_zero():
    scores = dict.fromkeys(FACTOR_NAMES) | {"recency": 80.0, "volume": 20.0}

    assert combine(scores, {"recency": 10, "volume": -10}) == 80.0


@pytest.mark.parametrize(
    ("weight", "indexers", "span_days", "expected"),
    [
        (50.0, 2, 30.0, "high"),
        (200.0, 1, 400.0, "medium"),  # one indexer only
        (200.0, 3, 20.0, "medium"),  # all within three weeks
        (49.9, 3, 400.0, "medium"),
        (10.0, 1, 0.0, "medium"),
        (9.9, 5, 400.0, "low"),
        (0.0, 0, 0.0, "low"),
    ],
)
def test_confidence_needs_amount_and_spread(weight, indexers, span_days, expected):
    evidence = Evidence(releases=math.ceil(weight), weight=weight, indexers=indexers, span_days=span_days)

    assert confidence(evidence) == expected


def test_assess_lists_every_factor_in_order_with_its_weight_and_sentence():
    evidence = Evidence(releases=1, weight=1.0, categories=1, indexers=1, newest_days=3.0)
    weights = DEFAULT_WEIGHTS | {"volume": 40}

    assessment = assess(evidence, weights)

    assert [factor["key"] for factor in assessment.factors] == list(FACTOR_NAMES)
    volume = assessment.factors[6]
    assert volume == {
        "key": "volume",
        "name": "Volume",
        "score": 11.1,  # 100 * ln 2 / ln 501 = 11.1499
        "weight": 40,
        "evidence": "1 release, 1.0 after ageing",
    }
    assert assessment.factors[0]["score"] is None  # no torrents
    # recency 100 (10), diversity 25 (8), volume 11.1499 (40): (1000 + 200 + 446.0) / 58 = 28.38
    assert assessment.score == 28.4
    assert assessment.confidence == "low"


def test_assess_of_no_evidence_is_zero_with_low_confidence():
    assessment = assess(Evidence(), DEFAULT_WEIGHTS)

    assert assessment.score == 0.0
    assert assessment.confidence == "low"
    assert all(factor["score"] is None for factor in assessment.factors)


# no example database: it would be a folder in the working tree; more examples than the default 100
# because the interesting cases sit on boundaries (a share of exactly 1, a weight of exactly 0)
PROPERTY = settings(database=None, max_examples=300)
shares = st.sampled_from([0.0, 1.0]) | st.floats(min_value=0, max_value=1)
factor_scores = st.fixed_dictionaries(
    {key: st.none() | st.floats(min_value=0, max_value=100) for key in FACTOR_NAMES}
)
weight_maps = st.fixed_dictionaries({key: st.integers(min_value=0, max_value=100) for key in FACTOR_NAMES})


@PROPERTY
@given(factor_scores, weight_maps)
def test_the_score_stays_within_0_and_100(scores, weights):
    assert 0.0 <= combine(scores, weights) <= 100.0


@PROPERTY
@given(factor_scores, weight_maps, st.sampled_from(list(FACTOR_NAMES)), st.floats(min_value=0, max_value=100))
def test_a_factor_improving_never_lowers_the_score(scores, weights, key, gain):
    before = scores | {key: scores[key] if scores[key] is not None else 0.0}
    after = before | {key: min(100.0, before[key] + gain)}

    assert combine(after, weights) >= combine(before, weights)


@PROPERTY
@given(factor_scores, weight_maps, st.sampled_from(list(FACTOR_NAMES)), st.floats(min_value=0, max_value=100))
def test_a_weighted_factor_improving_enough_raises_the_score(scores, weights, key, start):
    before = scores | {key: start}
    after = before | {key: 100.0}
    total = sum(weights[name] for name, score in before.items() if score is not None)
    # the weighted mean rises by gain * weight / total; past 0.2 it survives rounding to one decimal
    if total > 0 and (100.0 - start) * weights[key] / total >= 0.2:
        assert combine(after, weights) > combine(before, weights)


weights_and_shares = st.tuples(st.floats(min_value=0.01, max_value=1000), shares)


@st.composite
def evidence(draw: st.DrawFn) -> Evidence:
    """Any consistent evidence: counts, decayed weights, and level sums no larger than their weights."""
    weight, internal = draw(weights_and_shares)
    seeded, seeders = draw(weights_and_shares)
    completed, completion = draw(weights_and_shares)
    sized, closeness = draw(weights_and_shares)
    return Evidence(
        releases=draw(st.integers(min_value=1, max_value=10_000)),
        weight=weight,
        torrents=1,
        torrent_weight=weight,
        internal_weight=weight * internal,
        seeded=1,
        seeded_weight=seeded,
        seeder_level=seeded * seeders,
        leecher_level=seeded * draw(shares),
        completed=1,
        completed_weight=completed,
        completion_level=completed * completion,
        sized=1,
        sized_weight=sized,
        size_level=sized * closeness,
        qualities=draw(
            st.dictionaries(st.sampled_from(["A", "B", "C"]), st.floats(min_value=0.01, max_value=50))
        ),
        categories=draw(st.integers(min_value=0, max_value=20)),
        indexers=draw(st.integers(min_value=1, max_value=20)),
        newest_days=draw(st.none() | st.floats(min_value=0, max_value=5000)),
        span_days=draw(st.floats(min_value=0, max_value=5000)),
        outcomes=draw(
            st.dictionaries(st.sampled_from(["imported", "failed", "deleted"]), st.floats(0.01, 50))
        ),
    )


@PROPERTY
@given(evidence(), weight_maps)
def test_any_evidence_scores_within_0_and_100_and_so_does_every_factor(group, weights):
    assessment = assess(group, weights)

    assert 0.0 <= assessment.score <= 100.0
    assert all(factor["score"] is None or 0.0 <= factor["score"] <= 100.0 for factor in assessment.factors)


@PROPERTY
@given(evidence(), shares)
def test_healthier_seeding_never_lowers_the_reputation(group, more):
    healthier = replace(
        group, seeder_level=group.seeder_level + (group.seeded_weight - group.seeder_level) * more
    )

    assert assess(healthier, DEFAULT_WEIGHTS).score >= assess(group, DEFAULT_WEIGHTS).score


@PROPERTY
@given(evidence(), st.floats(min_value=0.01, max_value=50))
def test_another_successful_import_never_lowers_the_reputation(group, imported):
    luckier = replace(
        group, outcomes=group.outcomes | {"imported": group.outcomes.get("imported", 0.0) + imported}
    )

    assert assess(luckier, DEFAULT_WEIGHTS).score >= assess(group, DEFAULT_WEIGHTS).score
