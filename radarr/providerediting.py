"""Reading provider input (download clients, notifications, indexers) from a Settings page or v3 body.

Plain functions the shared provider flow (`radarr.providerfamily`, `radarr.providerpages`) is built
on: reading the common v3 keys, checking a name, bulk tag edits, turning a posted form into v3 field
values and back into the field list a form draws.
"""

import math
from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, QueryDict

from radarr.api.errors import Failure, invalid
from radarr.api.params import id_list, int_or_none, optional_text
from radarr.models import Tag
from radarr.providers import SettingField, field_resources, setting_fields

# ---- v3 input and row checks


def provider_fields(value: Any) -> list | dict:
    """A resource's `fields`: Radarr's `[{name, value}]` list (or an export's `{name: value}` map);
    absent is empty, anything else a 400."""
    if value is None:
        return []
    named = isinstance(value, list) and all(isinstance(field, dict) for field in value)
    if not named and not isinstance(value, dict):
        raise invalid("fields", "'Fields' must be a list of {name, value}", value)
    return value


def provider_tags(value: Any) -> list[int] | None:
    """A resource's `tags`: a list of tag ids; None when not sent, a 400 when not a list of ids."""
    return None if value is None else id_list("tags", value)


def common_input(body: dict[str, Any]) -> dict[str, Any]:
    """The keys every provider resource has (name, implementation, fields, tags); None = not sent."""
    return {
        "name": optional_text("name", body.get("name")),
        "implementation": optional_text("implementation", body.get("implementation")),
        "fields": provider_fields(body.get("fields")),
        "tags": provider_tags(body.get("tags")),
    }


def checked_name(row: Any, requested: str | None, failures: list[Failure]) -> str:
    """The row's new name (the stored one when none was sent); empty or taken names add a failure."""
    name = (requested if requested is not None else row.name or "").strip()
    if not name:
        failures.append(Failure("name", "'Name' must not be empty", requested))
    elif type(row).objects.filter(name__iexact=name).exclude(pk=row.pk).exists():
        failures.append(Failure("name", "Should be unique", name))
    return name


def bulk_tags(body: dict[str, Any]) -> tuple[list[Tag], str] | None:
    """A bulk edit's tags and how to apply them (add, remove or replace); None when tags were not sent."""
    tag_ids = provider_tags(body.get("tags"))
    if tag_ids is None:
        return None
    mode = optional_text("applyTags", body.get("applyTags")) or "add"
    return list(Tag.objects.filter(pk__in=tag_ids)), mode.lower()


def apply_tags(row: Model, tags: list[Tag], mode: str) -> None:
    if mode == "replace":
        row.tags.set(tags)  # type: ignore[attr-defined]
    elif mode == "remove":
        row.tags.remove(*tags)  # type: ignore[attr-defined]
    else:
        row.tags.add(*tags)  # type: ignore[attr-defined]


# ---- the add/edit page


def requested_implementation(request: HttpRequest) -> str:
    """The implementation a new-provider page is for: a link's query or the posted form."""
    return request.GET.get("implementation") or request.POST.get("implementation") or ""


def posted_tags(post: QueryDict) -> list[int]:
    return [tag_id for tag in post.getlist("tags") if (tag_id := int_or_none(tag, minimum=0)) is not None]


def posted_fields(settings_class: type, post: QueryDict) -> dict[str, Any]:
    """The settings inputs (`field-<name>`) as v3 field values, typed as each setting is declared."""
    return {field.name: _posted_value(field, post) for field in setting_fields(settings_class)}


def _posted_value(field: SettingField, post: QueryDict) -> Any:
    key = f"field-{field.name}"
    kind = field.metadata["type"]
    text = post.get(key, "")
    if kind == "checkbox" or isinstance(field.default, bool):
        return key in post
    if kind == "keyValueList":  # one "key: value" per line
        pairs = [line.split(":", 1) for line in text.splitlines() if ":" in line]
        return [{"key": k.strip(), "value": v.strip()} for k, v in pairs]
    if isinstance(field.default, list):
        select = kind == "select"  # a multiple select posts ids; a textbox, comma lists
        parts = post.getlist(key) if select else text.split(",")
        return [
            number if select and (number := int_or_none(part.strip())) is not None else part.strip()
            for part in parts
            if part.strip()
        ]
    if field.is_number:
        return _posted_number(text.strip())
    return text


def _posted_number(text: str) -> Any:
    """A number input: empty is null (the setting's "not set"), a non-number stays text for the
    validation to report."""
    if not text:
        return None
    number = int_or_none(text, minimum=-(2**63), maximum=2**63 - 1)
    if number is not None:
        return number
    try:
        fraction = float(text)
    except ValueError:
        return text
    return fraction if math.isfinite(fraction) else text


def form_fields(
    settings_class: type, stored: dict[str, Any] | None, failures: list[Failure]
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The settings as `components/provider_fields.html` draws them, each with its own errors.

    Also returns the errors no setting claimed, by lower-cased property name (name, priority, ...),
    for the inputs every family draws itself.
    """
    by_field: dict[str, list[str]] = {}
    for failure in failures:
        by_field.setdefault(failure.property_name.lower(), []).append(failure.message)
    fields = [
        {
            **resource,
            "display": _display_value(resource),
            "multiple": isinstance(resource["value"], list) and resource["type"] == "select",
            "secret": resource["type"] == "password" or resource["privacy"] in ("password", "apiKey"),
            "errors": by_field.pop(resource["name"].lower(), []),
        }
        for resource in field_resources(settings_class, stored)
    ]
    return fields, by_field


def _display_value(resource: dict[str, Any]) -> Any:
    value = resource["value"]
    if resource["type"] == "keyValueList":
        return "\n".join(
            f"{item.get('key')}: {item.get('value')}" for item in value or [] if isinstance(item, dict)
        )
    if isinstance(value, list) and resource["type"] != "select":
        return ", ".join(str(item) for item in value)
    return value


def test_result_template(request: HttpRequest, template: str) -> str:
    """A Test button posts with htmx for just the result block; without JavaScript, the whole form."""
    return f"{template}#test-result" if getattr(request, "htmx", False) else template


def report_test(request: HttpRequest, name: str, failures: list[Failure]) -> None:
    """One provider's line after Test All: its errors (warnings do not fail a test), or OK."""
    errors = [failure.message for failure in failures if failure.severity == "error"]
    if errors:
        messages.error(request, f"{name}: {'; '.join(errors)}")
    else:
        messages.success(request, f"{name}: OK")
