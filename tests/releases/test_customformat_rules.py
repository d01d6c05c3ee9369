"""Custom-format details the engine tests leave open: validation words, stored shapes, schema fields."""

from typing import Any

import pytest

from radarr.commands import CommandTrigger
from radarr.models import Command
from releases.customformats import FormatInput, compile_formats, matching_formats, validate_specifications
from releases.customformats.dotnet_regex import pattern_error, translate
from releases.customformats.editing import reevaluate_library
from releases.customformats.specifications import SPECIFICATIONS, fields_as_map, normalize_specification
from releases.qualities import Modifier

RELEASE = FormatInput(title="A.Movie.2021.1080p.BluRay-GROUP", year=2021)


def spec(implementation: str, **fields: Any) -> dict[str, Any]:
    return {"name": implementation, "implementation": implementation, "fields": fields}


def messages(*specifications: dict[str, Any]) -> list[tuple[str, str]]:
    return [(failure.property_name, failure.message) for failure in validate_specifications(specifications)]


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        (spec("ReleaseTitleSpecification", value="  "), ("value", "Regex Pattern must not be empty")),
        (spec("LanguageSpecification", value=0), ("value", "'Language' must not be empty.")),
        (
            spec("LanguageSpecification", value=1, exceptLanguage="maybe"),
            ("exceptLanguage", "Except Language must be true or false"),
        ),
        (spec("SizeSpecification", min=5, max=2), ("max", "Maximum Size must be greater than '5'.")),
        (
            spec("YearSpecification", min=2000, max=1990),
            ("max", "Maximum Year must be greater than or equal to '2000'."),
        ),
    ],
    ids=["empty-regex", "no-language", "except-language-flag", "size-range", "year-range"],
)
def test_each_validation_failure_says_what_is_wrong(condition, expected):
    field, message = expected

    assert messages(condition) == [(f"specifications[0].{field}", message)]


def test_a_format_without_a_name_is_compiled_with_an_empty_name():
    compiled = compile_formats([{"id": 7, "specifications": [spec("YearSpecification", min=2000, max=2030)]}])

    assert [(fmt.id, fmt.name) for fmt in matching_formats(compiled, RELEASE)] == [(7, "")]


def test_a_year_condition_without_a_minimum_starts_at_zero():
    old = {"id": 1, "name": "Old", "specifications": [spec("YearSpecification", max=2022)]}
    compiled = compile_formats([old])

    assert [fmt.name for fmt in matching_formats(compiled, RELEASE)] == ["Old"]


@pytest.mark.parametrize("pattern", [r"\k<name", r"\k'name", r"(?'name"], ids=["k-angle", "k-quote", "group"])
def test_an_unterminated_dotnet_group_name_is_left_as_written_and_invalid(pattern):
    assert translate(pattern) == pattern
    assert pattern_error(pattern)


def test_conditions_from_the_api_keep_their_field_values_by_name():
    fields = [{"name": "min", "value": 1}, {"name": "max", "value": 5}, {"value": "no name"}, "junk"]

    assert fields_as_map(fields) == {"min": 1, "max": 5}


def test_a_bare_condition_is_stored_with_an_empty_name_and_both_flags_off():
    stored = normalize_specification({"implementation": "SizeSpecification", "fields": {"MIN": 1, "max": 2}})

    assert stored == {
        "name": "",
        "implementation": "SizeSpecification",
        "negate": False,
        "required": False,
        "fields": {"min": 1, "max": 2},
    }


def test_schema_fields_carry_radarrs_labels_and_order():
    def first(implementation: str) -> tuple[str, int]:
        field = SPECIFICATIONS[implementation].fields[0]
        return field.label, field.order

    assert first("ReleaseTitleSpecification") == ("Regular Expression", 1)
    assert first("SourceSpecification") == ("Source", 1)
    assert first("ResolutionSpecification") == ("Resolution", 1)
    assert first("IndexerFlagSpecification") == ("Flag", 1)


def test_modifier_options_are_named_after_the_modifiers():
    options = SPECIFICATIONS["QualityModifierSpecification"].fields[0].select_options()

    assert [(option.value, option.name) for option in options] == [
        (index, modifier.name) for index, modifier in enumerate(Modifier)
    ]


@pytest.mark.django_db
def test_a_format_change_queues_a_library_reevaluation_once_committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        reevaluate_library()
        assert not Command.objects.exists()

    assert list(Command.objects.values_list("name", "trigger")) == [
        ("ReevaluateLibrary", CommandTrigger.UNSPECIFIED)
    ]
