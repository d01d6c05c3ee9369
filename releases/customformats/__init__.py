"""Custom formats: the condition catalogue, the matching engine, validation and saving.

Other code imports from here:
- matching: `FormatInput`, `format_input_from_parsed`, `compile_formats`, `matching_formats`
- saving: `save_custom_format`, `import_custom_format`, `export_custom_format`, `delete_custom_formats`
- checks: `validate_specifications`, `validate_custom_format`
"""

from releases.customformats.editing import (
    delete_custom_formats,
    export_custom_format,
    import_custom_format,
    save_custom_format,
    specifications_from_input,
)
from releases.customformats.matching import (
    CompiledFormat,
    FormatInput,
    compile_formats,
    format_input_from_parsed,
    matching_formats,
)
from releases.customformats.specifications import SPECIFICATION_TYPES, SPECIFICATIONS
from releases.customformats.validation import validate_custom_format, validate_specifications

__all__ = [
    "SPECIFICATIONS",
    "SPECIFICATION_TYPES",
    "CompiledFormat",
    "FormatInput",
    "compile_formats",
    "delete_custom_formats",
    "export_custom_format",
    "format_input_from_parsed",
    "import_custom_format",
    "matching_formats",
    "save_custom_format",
    "specifications_from_input",
    "validate_custom_format",
    "validate_specifications",
]
