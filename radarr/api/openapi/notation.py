"""A compact notation for the OpenAPI document, so a resource reads as one line of `name:type` pairs.

    "id:int32 label:string tags:[int32] +sceneGroupReputationPoints:int32(0..10000)"

Types: `int32`, `int64`, `double`, `bool`, `string`, `datetime`, `date`, `binary`, `any`, `object`;
`[T]` is an array of T, `{T}` an object whose values are T, `T(low..high)` bounds an integer (either
side may be left open), and a capitalised name refers to a component schema. A `+` before a property
marks our extension of Radarr's shape (`x-radarr-django-extension`), a `!` after its name makes it required.
"""

import re
from typing import Any

EXTENSION = "x-radarr-django-extension"  # on every property, parameter, operation or schema Radarr lacks
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1

_SCALARS: dict[str, dict[str, Any]] = {
    "int32": {"type": "integer", "format": "int32", "minimum": INT32_MIN, "maximum": INT32_MAX},
    "int64": {"type": "integer", "format": "int64", "minimum": INT64_MIN, "maximum": INT64_MAX},
    "double": {"type": "number", "format": "double"},
    "bool": {"type": "boolean"},
    "string": {"type": "string"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "binary": {"type": "string", "format": "binary"},
    "any": {},
    "object": {"type": "object"},
}
_BOUNDED = re.compile(r"^(int32|int64)\((-?\d*)\.\.(-?\d*)\)$")
_PROPERTY = re.compile(r"^(\+?)([A-Za-z][A-Za-z0-9]*)(!?):(\S+)$")


def ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def schema_of(expression: str) -> dict[str, Any]:
    """The JSON schema a type expression stands for (see the module docstring)."""
    if expression.startswith("[") and expression.endswith("]"):
        return {"type": "array", "items": schema_of(expression[1:-1])}
    if expression.startswith("{") and expression.endswith("}"):
        return {"type": "object", "additionalProperties": schema_of(expression[1:-1])}
    if bounded := _BOUNDED.match(expression):
        kind, low, high = bounded.groups()
        schema = dict(_SCALARS[kind])
        if low:
            schema["minimum"] = int(low)
        if high:
            schema["maximum"] = int(high)
        return schema
    if expression in _SCALARS:
        return dict(_SCALARS[expression])
    if expression[:1].isupper():
        return ref(expression)
    raise ValueError(f"Unknown type '{expression}' in the OpenAPI notation")


def members(declaration: str) -> list[tuple[str, dict[str, Any], bool, bool]]:
    """`(name, schema, required, extension)` for each `name:type` token of a declaration."""
    parsed = []
    for token in declaration.split():
        match = _PROPERTY.match(token)
        if match is None:
            raise ValueError(f"Cannot read '{token}' in the OpenAPI notation")
        extension, name, required, expression = match.groups()
        parsed.append((name, schema_of(expression), bool(required), bool(extension)))
    return parsed


def object_schema(declaration: str, *, extension: bool = False) -> dict[str, Any]:
    """An object with the declared properties; unknown properties stay allowed, as Radarr ignores them."""
    properties: dict[str, Any] = {}
    required = []
    for name, schema, is_required, is_extension in members(declaration):
        if is_extension and "$ref" in schema:
            schema = {"allOf": [schema]}  # OpenAPI 3.0 ignores a $ref's sibling keys
        properties[name] = {**schema, EXTENSION: True} if is_extension else schema
        if is_required:
            required.append(name)
    schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if extension:
        schema[EXTENSION] = True
    return schema


def enum_schema(values: str) -> dict[str, Any]:
    """A string enum (Radarr writes its enums as camelCase names)."""
    return {"type": "string", "enum": values.split()}


def parameters(location: str, declaration: str) -> list[dict[str, Any]]:
    """Path or query parameters; an array is sent as repeated or comma-separated values."""
    declared = []
    for name, schema, required, extension in members(declaration):
        parameter: dict[str, Any] = {"name": name, "in": location, "schema": schema}
        if required or location == "path":
            parameter["required"] = True
        if schema.get("type") == "array":
            parameter["style"], parameter["explode"] = "form", True
        if extension:
            parameter[EXTENSION] = True
        declared.append(parameter)
    return declared
