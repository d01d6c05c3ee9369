"""Version templates (Settings → Versions): the one place a template is checked, saved and deleted.

A template is what many movies' extra versions are made from ("4K": profile UHD, root /movies-4k), and
its URL base names a virtual second instance, so a URL base must be a plain path segment that no page
or API route of the app already uses.
"""

import re
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import URLResolver, get_resolver

from movies.models import MinimumAvailability, VersionTemplate
from movies.rootfolders import configured_root_folder, root_folder_failure
from movies.versions import PRIMARY_NAME
from radarr.api.errors import Failure, ValidationFailed
from releases.models import QualityProfile

EDITIONS = ("Theatrical", "Extended", "Director's Cut", "IMAX", "Unrated")  # suggestions, not a list
_URL_BASE = re.compile(r"^[a-z0-9][a-z0-9-]{0,49}$")
_API_KEY = re.compile(r"^[A-Za-z0-9]{20,64}$")


def taken_url_segments() -> set[str]:
    """The first path segments the app's own routes use (api, movie, settings...), after the app's URL
    base: a template's URL base equal to one would hide those pages behind the virtual instance."""
    base = settings.URL_BASE.strip("/")
    segments: set[str] = set()

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            first = route.removeprefix(f"{base}/" if base else "").split("/")[0].split("<")[0]
            if first and first != base:
                segments.add(first.casefold())
            elif isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)

    walk(get_resolver().url_patterns, "")
    static = settings.STATIC_URL.strip("/").removeprefix(f"{base}/" if base else "").split("/")[0]
    return segments | {static.casefold()} - {""}


def template_failures(fields: dict[str, Any], *, exclude_pk: int | None = None) -> list[Failure]:
    """What is wrong with a template's fields, in Radarr's failure shape (camelCase property names)."""
    failures = []
    others = VersionTemplate.objects.exclude(pk=exclude_pk or 0)
    name = (fields.get("name") or "").strip()
    if not name:
        failures.append(Failure("name", "'Name' must not be empty", name))
    elif name.casefold() == PRIMARY_NAME.casefold():
        failures.append(Failure("name", f"'{PRIMARY_NAME}' names each movie's own version", name))
    elif others.filter(name__iexact=name).exists():
        failures.append(Failure("name", f"A template called '{name}' exists already", name))
    url_base = (fields.get("url_base") or "").strip().strip("/")
    if url_base and not _URL_BASE.match(url_base):
        failures.append(
            Failure("urlBase", "URL base: lower-case letters, digits and hyphens only (e.g. 4k)", url_base)
        )
    elif url_base and url_base in taken_url_segments():
        failures.append(Failure("urlBase", f"'/{url_base}' is a page of this app: choose another", url_base))
    elif url_base and others.filter(url_base=url_base).exists():
        failures.append(Failure("urlBase", f"Another template serves '/{url_base}'", url_base))
    profile_id = fields.get("quality_profile_id")
    if not isinstance(profile_id, int) or not QualityProfile.objects.filter(pk=profile_id).exists():
        failures.append(Failure("qualityProfileId", "Quality profile does not exist", profile_id))
    if fields.get("minimum_availability") not in MinimumAvailability.values:
        failures.append(
            Failure(
                "minimumAvailability", "Minimum availability is not valid", fields.get("minimum_availability")
            )
        )
    root = (fields.get("root_folder_path") or "").strip()
    if root and (failure := root_folder_failure("rootFolderPath", root)):
        failures.append(failure)
    if len(fields.get("edition") or "") > 200:
        failures.append(Failure("edition", "Edition must be at most 200 characters"))
    api_key = (fields.get("api_key") or "").strip()
    if api_key and not _API_KEY.match(api_key):
        failures.append(Failure("apiKey", "API key: 20 to 64 letters and digits, or empty for the main key"))
    return failures


def save_template(fields: dict[str, Any], template: VersionTemplate | None = None) -> VersionTemplate:
    """Add or change a template; ValidationFailed when a field is wrong. Movies' versions made from it
    keep their own settings: a template is where new versions start, not a live link."""
    failures = template_failures(fields, exclude_pk=template.pk if template else None)
    if failures:
        raise ValidationFailed(failures)
    template = template or VersionTemplate()
    root = (fields.get("root_folder_path") or "").strip()
    template.name = fields["name"].strip()
    template.url_base = (fields.get("url_base") or "").strip().strip("/")
    template.quality_profile_id = fields["quality_profile_id"]
    template.root_folder_path = configured_root_folder(root) if root else ""
    template.minimum_availability = fields["minimum_availability"]
    template.monitored = bool(fields.get("monitored", True))
    template.edition = (fields.get("edition") or "").strip()
    template.api_key = (fields.get("api_key") or "").strip()
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError as error:  # another request took the name or URL base meanwhile
        raise ValidationFailed([Failure("name", "A template with this name or URL base exists")]) from error
    return template


def delete_template(template: VersionTemplate) -> int:
    """Delete a template; the versions made from it stay on their movies (their template is unset).
    Returns how many versions it had made."""
    count = template.versions.count()
    template.delete()
    return count
