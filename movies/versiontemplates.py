"""Version templates ("4K: profile UHD, root /movies-4k"): saved, checked and deleted in one place.

A template is how a kind of extra version is added to many movies (bulk editor, POST /movie, library
import); the versions it added keep their own copy of its wishes, so changing or deleting a template
never changes a movie (deleting one leaves its versions with no template). A template with a URL base
is also served as a separate Radarr under that base, with its own API key when it has one.
"""

import re
from typing import Any

from django.db import IntegrityError, transaction

from movies.library import availability_failure, profile_failure
from movies.models import VersionTemplate
from movies.rootfolders import configured_root_folder, root_folder_failure
from movies.versioninstance import url_base_failure
from movies.versions import PRIMARY_NAME
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.secrets import MASK

NAME_LENGTH = VersionTemplate._meta.get_field("name").max_length
URL_BASE_LENGTH = VersionTemplate._meta.get_field("url_base").max_length
_API_KEY = re.compile(r"^[A-Za-z0-9]{20,64}$")

FIELDS = (
    "name",
    "url_base",
    "quality_profile_id",
    "root_folder_path",
    "minimum_availability",
    "monitored",
    "edition",
    "api_key",
)


def _failures(fields: dict[str, Any], exclude_pk: int | None) -> list[Failure]:
    failures = []
    others = VersionTemplate.objects.exclude(pk=exclude_pk or 0)
    name = fields["name"]
    if not isinstance(name, str) or not name.strip():
        failures.append(Failure("name", "'Name' must not be empty", name))
    elif len(name.strip()) > NAME_LENGTH:
        failures.append(Failure("name", f"'Name' must be {NAME_LENGTH} characters or fewer", name))
    elif name.strip().casefold() == PRIMARY_NAME.casefold():
        failures.append(Failure("name", f"'{PRIMARY_NAME}' names each movie's own version", name))
    elif others.filter(name__iexact=name.strip()).exists():
        failures.append(Failure("name", f"A version template called '{name.strip()}' exists already", name))
    url_base = fields["url_base"]
    if isinstance(url_base, str) and len(url_base) > URL_BASE_LENGTH:
        message = f"'URL Base' must be {URL_BASE_LENGTH} characters or fewer"
        failures.append(Failure("urlBase", message, url_base))
    else:
        failures += filter(None, [url_base_failure(url_base, template_id=exclude_pk)])
    failures += filter(
        None,
        [
            profile_failure(fields["quality_profile_id"]),
            availability_failure(fields["minimum_availability"]),
        ],
    )
    root = fields["root_folder_path"]
    if root:  # "" = each movie's own folder, the file named with the version's suffix
        failures += filter(None, [root_folder_failure("rootFolderPath", root)])
    edition = fields["edition"]
    if not isinstance(edition, str) or len(edition) > 200:
        failures.append(Failure("edition", "Edition must be text of at most 200 characters", edition))
    api_key = fields["api_key"]
    if not isinstance(api_key, str) or (api_key and not _API_KEY.match(api_key)):
        message = "'API Key' must be 20 to 64 letters and digits, or empty for the main key"
        failures.append(Failure("apiKey", message, None))  # never echoed: it is a secret
    if not isinstance(fields["monitored"], bool):
        failures.append(Failure("monitored", "'Monitored' must be true or false", fields["monitored"]))
    return failures


def save_template(template: VersionTemplate | None, changes: dict[str, Any]) -> VersionTemplate:
    """Create (`template` None) or change a template from `changes` (keys of FIELDS; those absent keep
    the stored or default value). The API key sent back as the mask keeps the stored one."""
    template = template or VersionTemplate()
    current = {name: getattr(template, name) for name in FIELDS}
    fields = current | changes
    if fields["api_key"] == MASK:
        fields["api_key"] = current["api_key"]
    fields["api_key"] = fields["api_key"] if fields["api_key"] is not None else ""
    for name in ("url_base", "root_folder_path", "edition"):
        fields[name] = fields[name].strip() if isinstance(fields[name], str) else fields[name]
    failures = _failures(fields, template.pk)
    if failures:
        raise ValidationFailed(failures)
    fields["name"] = fields["name"].strip()
    if fields["root_folder_path"]:
        fields["root_folder_path"] = configured_root_folder(fields["root_folder_path"])
    for name, value in fields.items():
        setattr(template, name, value)
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError as error:  # another request took the name or URL base meanwhile
        raise ValidationFailed(
            [Failure("name", "A version template with this name or URL base exists")]
        ) from error
    return template


def delete_template(template: VersionTemplate) -> None:
    """Delete a template; the versions it added stay, with no template (MovieVersion.template SET_NULL)."""
    template.delete()
