"""The ten kinds of custom-format condition Radarr offers, with the fields each one takes.

Implementation names, display names, field names and select values are Radarr's: clients (Recyclarr,
Notifiarr, TRaSH JSON) send and store them. Matching lives in matching.py; this module is the catalogue
the API schema, the settings form and validation all read.
"""

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from releases.languages import ANY, LANGUAGES, ORIGINAL
from releases.qualities import Modifier, QualitySource

INFO_LINK = "https://wiki.servarr.com/radarr/settings#custom-formats-2"


class FieldType(StrEnum):
    """Radarr's FieldType names as the v3 schema writes them."""

    TEXTBOX = "textbox"
    SELECT = "select"
    NUMBER = "number"
    CHECKBOX = "checkbox"


@dataclass(frozen=True, slots=True)
class SelectOption:
    value: int
    name: str


@dataclass(frozen=True, slots=True)
class FieldDefinition:
    name: str  # the key clients send: "value", "min", "max", "exceptLanguage"
    label: str
    type: FieldType
    order: int
    default: Any
    help_text: str | None = None
    unit: str | None = None
    is_float: bool = False
    options: Callable[[], tuple[SelectOption, ...]] | None = None  # select fields only

    def select_options(self) -> tuple[SelectOption, ...]:
        return self.options() if self.options else ()


@dataclass(frozen=True, slots=True)
class SpecificationType:
    implementation: str  # Radarr's class name, e.g. "ReleaseTitleSpecification"
    implementation_name: str  # what the UI shows, e.g. "Release Title"
    order: int
    fields: tuple[FieldDefinition, ...]

    def field(self, name: str) -> FieldDefinition | None:
        return next((field for field in self.fields if field.name == name), None)


# Radarr serializes these enums by their integer value inside custom-format fields; the order of our
# StrEnums matches Radarr's declaration order, so the position is the integer.
SOURCE_VALUES: dict[QualitySource, int] = {source: index for index, source in enumerate(QualitySource)}
MODIFIER_VALUES: dict[Modifier, int] = {modifier: index for index, modifier in enumerate(Modifier)}
RESOLUTIONS: tuple[int, ...] = (0, 360, 480, 540, 576, 720, 1080, 2160)

# Radarr's IndexerFlags bits; 64 and 1024 belonged to a closed tracker and are obsolete there too.
INDEXER_FLAGS: dict[int, str] = {
    1: "G_Freeleech",
    2: "G_Halfleech",
    4: "G_DoubleUpload",
    8: "PTP_Golden",
    16: "PTP_Approved",
    32: "G_Internal",
    128: "G_Scene",
    256: "G_Freeleech75",
    512: "G_Freeleech25",
    2048: "Nuked",
}


def _source_options() -> tuple[SelectOption, ...]:
    return tuple(SelectOption(value, source.name) for source, value in SOURCE_VALUES.items())


def _modifier_options() -> tuple[SelectOption, ...]:
    return tuple(SelectOption(value, modifier.name) for modifier, value in MODIFIER_VALUES.items())


def _resolution_options() -> tuple[SelectOption, ...]:
    return tuple(SelectOption(value, f"R{value}p" if value else "Unknown") for value in RESOLUTIONS)


def _indexer_flag_options() -> tuple[SelectOption, ...]:
    return tuple(SelectOption(value, name) for value, name in INDEXER_FLAGS.items())


def _language_options() -> tuple[SelectOption, ...]:
    """Any and Original first, then the real languages by name, as Radarr's language picker lists them."""
    real = sorted((lang for lang in LANGUAGES if lang.id > 0), key=lambda lang: lang.name)
    return tuple(SelectOption(lang.id, lang.name) for lang in (ANY, ORIGINAL, *real))


def _regex_field() -> FieldDefinition:
    return FieldDefinition(
        "value",
        "Regular Expression",
        FieldType.TEXTBOX,
        1,
        None,
        help_text="Custom Format RegEx is Case Insensitive",
    )


def _select_field(label: str, options: Callable[[], tuple[SelectOption, ...]]) -> FieldDefinition:
    return FieldDefinition("value", label, FieldType.SELECT, 1, 0, options=options)


SPECIFICATION_TYPES: tuple[SpecificationType, ...] = (
    SpecificationType("ReleaseTitleSpecification", "Release Title", 1, (_regex_field(),)),
    SpecificationType("EditionSpecification", "Edition", 2, (_regex_field(),)),
    SpecificationType(
        "LanguageSpecification",
        "Language",
        3,
        (
            FieldDefinition("value", "Language", FieldType.SELECT, 0, 0, options=_language_options),
            FieldDefinition(
                "exceptLanguage",
                "Except Language",
                FieldType.CHECKBOX,
                1,
                False,
                help_text="Matches if any language other than the selected language is present",
            ),
        ),
    ),
    SpecificationType(
        "IndexerFlagSpecification", "Indexer Flag", 4, (_select_field("Flag", _indexer_flag_options),)
    ),
    SpecificationType("SourceSpecification", "Source", 5, (_select_field("Source", _source_options),)),
    SpecificationType(
        "ResolutionSpecification", "Resolution", 6, (_select_field("Resolution", _resolution_options),)
    ),
    SpecificationType(
        "QualityModifierSpecification",
        "Quality Modifier",
        7,
        (_select_field("Quality Modifier", _modifier_options),),
    ),
    SpecificationType(
        "SizeSpecification",
        "Size",
        8,
        (
            FieldDefinition(
                "min",
                "Minimum Size",
                FieldType.NUMBER,
                1,
                0,
                help_text="Release must be greater than this size",
                unit="GB",
                is_float=True,
            ),
            FieldDefinition(
                "max",
                "Maximum Size",
                FieldType.NUMBER,
                1,
                0,
                help_text="Release must be less than or equal to this size",
                unit="GB",
                is_float=True,
            ),
        ),
    ),
    SpecificationType("ReleaseGroupSpecification", "Release Group", 9, (_regex_field(),)),
    SpecificationType(
        "YearSpecification",
        "Year",
        10,
        (
            FieldDefinition("min", "Minimum Year", FieldType.NUMBER, 1, 0),
            FieldDefinition("max", "Maximum Year", FieldType.NUMBER, 2, 0),
        ),
    ),
)

SPECIFICATIONS: dict[str, SpecificationType] = {spec.implementation: spec for spec in SPECIFICATION_TYPES}


def fields_as_map(fields: Any) -> dict[str, Any]:
    """`fields` as `{name: value}`, from the API's `[{name, value}, ...]` or the export's object map."""
    if isinstance(fields, dict):
        return dict(fields)
    if isinstance(fields, list):
        return {
            item["name"]: item.get("value") for item in fields if isinstance(item, dict) and "name" in item
        }
    return {}


def normalize_specification(raw: dict[str, Any]) -> dict[str, Any]:
    """One condition in the stored shape; field names are matched ignoring case, unknown ones dropped."""
    lowered = {str(key).lower(): value for key, value in raw.items()}
    implementation = str(lowered.get("implementation") or "")
    given = {str(name).lower(): value for name, value in fields_as_map(lowered.get("fields")).items()}
    kind = SPECIFICATIONS.get(implementation)
    known = (
        {field.name: given[field.name.lower()] for field in kind.fields if field.name.lower() in given}
        if kind
        else given
    )
    return {
        "name": lowered.get("name") if lowered.get("name") is not None else "",
        "implementation": implementation,
        "negate": bool(lowered.get("negate", False)),
        "required": bool(lowered.get("required", False)),
        "fields": known,
    }
