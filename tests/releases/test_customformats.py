"""The custom-format engine: each condition kind, Radarr's negate/required/grouping rules, .NET regexes."""

from dataclasses import replace
from typing import Any

import pytest

from releases.customformats import (
    FormatInput,
    compile_formats,
    format_input_from_parsed,
    matching_formats,
    validate_custom_format,
    validate_specifications,
)
from releases.customformats.dotnet_regex import compile_pattern, pattern_error, translate
from releases.decisions.context import ProfileFacts
from releases.parser import parse_movie_title
from releases.qualities import Modifier, QualitySource

GB = 1024**3
RELEASE = FormatInput(
    title="A.Movie.2021.2160p.UHD.BluRay.REMUX.HDR.TrueHD.Atmos-GROUP",
    edition="Directors Cut",
    languages=(1, 4),
    indexer_flags=1 | 32,
    quality_source=QualitySource.BLURAY,
    resolution=2160,
    modifier=Modifier.REMUX,
    size_bytes=50 * GB,
    release_group="GROUP",
    year=2021,
    original_language_id=1,
)


def spec(implementation: str, negate: bool = False, required: bool = False, **fields: Any) -> dict[str, Any]:
    return {
        "name": implementation,
        "implementation": implementation,
        "negate": negate,
        "required": required,
        "fields": fields,
    }


def matches(specifications: list[dict[str, Any]], release: FormatInput = RELEASE) -> bool:
    compiled = compile_formats([{"id": 1, "name": "Format", "specifications": specifications}])
    return bool(matching_formats(compiled, release))


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (spec("ReleaseTitleSpecification", value=r"\bremux\b"), True),
        (spec("ReleaseTitleSpecification", value=r"\bx265\b"), False),
        (spec("EditionSpecification", value=r"director"), True),
        (spec("EditionSpecification", value=r"extended"), False),
        (spec("LanguageSpecification", value=4), True),
        (spec("LanguageSpecification", value=2), False),
        (spec("IndexerFlagSpecification", value=32), True),
        (spec("IndexerFlagSpecification", value=2), False),
        (spec("SourceSpecification", value=9), True),
        (spec("SourceSpecification", value=7), False),
        (spec("ResolutionSpecification", value=2160), True),
        (spec("ResolutionSpecification", value=1080), False),
        (spec("QualityModifierSpecification", value=5), True),
        (spec("QualityModifierSpecification", value=4), False),
        (spec("SizeSpecification", min=40, max=60), True),
        (spec("SizeSpecification", min=1, max=10), False),
        (spec("ReleaseGroupSpecification", value=r"^group$"), True),
        (spec("ReleaseGroupSpecification", value=r"^other$"), False),
        (spec("YearSpecification", min=2020, max=2022), True),
        (spec("YearSpecification", min=1990, max=1999), False),
    ],
)
def test_each_condition_kind_tests_its_part_of_the_release(condition: dict[str, Any], expected: bool):
    assert matches([condition]) is expected


def test_size_minimum_is_exclusive_and_maximum_inclusive():
    condition = spec("SizeSpecification", min=10, max=20)

    assert not matches([condition], replace(RELEASE, size_bytes=10 * GB))
    assert matches([condition], replace(RELEASE, size_bytes=20 * GB))
    assert not matches([condition], replace(RELEASE, size_bytes=20 * GB + 1))


def test_original_language_condition_reads_the_movies_original_language():
    condition = spec("LanguageSpecification", value=-2)

    assert matches([condition], replace(RELEASE, languages=(8,), original_language_id=8))
    assert not matches([condition], replace(RELEASE, languages=(1,), original_language_id=8))


def test_except_language_matches_when_another_language_is_present():
    condition = spec("LanguageSpecification", value=1, exceptLanguage=True)

    assert matches([condition], replace(RELEASE, languages=(1, 4)))
    assert not matches([condition], replace(RELEASE, languages=(1,)))


def test_any_language_matches_a_release_with_some_language():
    condition = spec("LanguageSpecification", value=-1)

    assert matches([condition], replace(RELEASE, languages=(3,)))
    assert not matches([condition], replace(RELEASE, languages=()))


def test_release_title_condition_also_reads_the_file_name():
    condition = spec("ReleaseTitleSpecification", value=r"\bHYBRID\b")

    assert matches([condition], replace(RELEASE, file_name="A.Movie.2021.HYBRID.2160p.mkv"))


def test_negate_flips_a_condition():
    assert matches([spec("ReleaseTitleSpecification", negate=True, value=r"\bx265\b")])
    assert not matches([spec("ReleaseTitleSpecification", negate=True, value=r"\bremux\b")])


def test_one_matching_member_is_enough_within_a_kind():
    conditions = [spec("SourceSpecification", value=7), spec("SourceSpecification", value=9)]

    assert matches(conditions)


def test_a_failed_required_member_fails_its_kind():
    conditions = [spec("SourceSpecification", value=9), spec("SourceSpecification", required=True, value=7)]

    assert not matches(conditions)


def test_every_kind_must_pass_for_the_format_to_match():
    conditions = [spec("SourceSpecification", value=9), spec("ResolutionSpecification", value=1080)]

    assert not matches(conditions)


def test_a_kind_of_only_negated_required_members_passes_when_none_is_present():
    conditions = [
        spec("ReleaseTitleSpecification", negate=True, required=True, value=r"\bx264\b"),
        spec("ReleaseTitleSpecification", negate=True, required=True, value=r"\bxvid\b"),
    ]

    assert matches(conditions)


def test_matched_formats_come_sorted_by_name_and_scores_add_up():
    compiled = compile_formats(
        [
            {"id": 1, "name": "Zeta", "specifications": [spec("ResolutionSpecification", value=2160)]},
            {"id": 2, "name": "Alpha", "specifications": [spec("SourceSpecification", value=9)]},
            {"id": 3, "name": "Never", "specifications": [spec("SourceSpecification", value=1)]},
        ]
    )

    matched = matching_formats(compiled, RELEASE)

    assert [fmt.name for fmt in matched] == ["Alpha", "Zeta"]
    profile = ProfileFacts(1, "Any", True, 1, (), format_scores={1: 100, 2: -25, 3: 1000})
    assert profile.score(fmt.id for fmt in matched) == 75


def test_a_format_with_an_unreadable_condition_never_matches_instead_of_failing():
    compiled = compile_formats(
        [{"id": 1, "name": "Broken", "specifications": [spec("SizeSpecification", min="x")]}]
    )

    assert matching_formats(compiled, RELEASE) == []


def test_the_input_from_a_parsed_release_carries_quality_group_and_edition():
    parsed = parse_movie_title("Some.Film.2019.Directors.Cut.1080p.WEB-DL.DDP5.1.H.264-NTb")

    release = format_input_from_parsed(parsed, size=5 * GB, indexer_flags=1, original_language_id=1)

    assert (release.quality_source, release.resolution) == (QualitySource.WEBDL, 1080)
    assert release.release_group == "NTb" and release.year == 2019 and release.edition
    assert (release.size_bytes, release.indexer_flags, release.original_language_id) == (5 * GB, 1, 1)


def test_the_movies_year_stands_in_when_the_release_names_none():
    parsed = replace(parse_movie_title("Some.Film.2019.1080p.WEB-DL-NTb"), year=None)

    assert format_input_from_parsed(parsed, movie_year=1984).year == 1984


# .NET regular expressions


def test_patterns_match_ignoring_case():
    assert compile_pattern(r"\bTrueHD\b").search("a.movie.truehd.atmos")


def test_variable_length_lookbehind_works_as_in_dotnet():
    pattern = compile_pattern(r"(?<=\bGerman\b.*)\bDL\b")

    assert pattern.search("Movie.German.2020.DL.1080p")
    assert not pattern.search("Movie.2020.DL.1080p")


def test_quoted_group_names_and_named_backreferences_are_translated():
    assert translate(r"(?'word'ab)\k'word'\k<word>") == r"(?<word>ab)(?P=word)(?P=word)"
    assert compile_pattern(r"(?<w>ab)\k<w>").search("xxABab")


def test_a_brace_without_a_minimum_is_a_literal_as_in_dotnet():
    assert compile_pattern(r"a{,2}").search("a{,2}")
    assert not compile_pattern(r"a{,2}").search("aa")


def test_character_classes_pass_through_untranslated():
    assert translate(r"[{,]\k[']") == r"[{,]\k[']"


def test_atomic_groups_and_possessive_quantifiers_compile():
    assert pattern_error(r"(?>a+)b") is None and pattern_error(r"a++b") is None


def test_an_invalid_pattern_reports_why():
    assert "missing )" in (pattern_error(r"(unclosed") or "")


# Validation


def test_validation_reports_an_unknown_implementation():
    failures = validate_specifications([spec("ColourSpecification", value=1)])

    assert [failure.property_name for failure in failures] == ["specifications[0].implementation"]


def test_validation_puts_the_regex_error_on_the_value_field():
    failures = validate_specifications(
        [spec("ReleaseTitleSpecification"), spec("ReleaseGroupSpecification", value="(")]
    )

    assert failures[0].property_name == "specifications[0].value"
    assert failures[1].property_name == "specifications[1].value"
    assert "Invalid regular expression" in failures[1].message and "missing )" in failures[1].message


@pytest.mark.parametrize(
    ("condition", "property_name"),
    [
        (spec("LanguageSpecification", value=999), "specifications[0].value"),
        (spec("IndexerFlagSpecification", value=64), "specifications[0].value"),
        (spec("SourceSpecification", value=0), "specifications[0].value"),
        (spec("ResolutionSpecification", value=1081), "specifications[0].value"),
        (spec("QualityModifierSpecification", value="remux"), "specifications[0].value"),
        (spec("SizeSpecification", min=10, max=5), "specifications[0].max"),
        (spec("SizeSpecification", min=-1, max=5), "specifications[0].min"),
        (spec("YearSpecification", min=0, max=2000), "specifications[0].min"),
        (spec("YearSpecification", min=2000, max=1999), "specifications[0].max"),
    ],
)
def test_validation_rejects_out_of_range_values(condition: dict[str, Any], property_name: str):
    assert [failure.property_name for failure in validate_specifications([condition])] == [property_name]


def test_validation_requires_condition_names():
    condition = spec("SourceSpecification", value=9) | {"name": "  "}

    assert [failure.property_name for failure in validate_specifications([condition])] == [
        "specifications[0].name"
    ]


def test_a_format_needs_a_name_and_at_least_one_condition():
    failures = validate_custom_format("", [])

    assert {failure.property_name for failure in failures} == {"name", "specifications"}
