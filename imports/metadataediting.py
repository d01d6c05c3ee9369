"""Metadata consumers as a provider family: the v3 MetadataResource, its /schema templates, the one
column of their own (enable), the Settings → Metadata pages' part, and the METADATA declaration; and
config/metadata (the certification country).

Everything else (name, implementation, fields, tags, test before save, the API views and pages) is the
shared `radarr.providerfamily`.
"""

from typing import Any

from django.http import QueryDict

from imports.metadataconsumers import IMPLEMENTATIONS, MetadataConsumer
from imports.models import Metadata
from movies.models import MetadataConfig
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import optional_bool
from radarr.providerfamily import ProviderFamily, ProviderPages
from radarr.providers import Provider, field_resources, implementation_facts

# Radarr's TMDbCountryCode: the countries whose certification TMDB reports
CERTIFICATION_COUNTRIES = {
    "au": "Australia",
    "br": "Brazil",
    "ca": "Canada",
    "fr": "France",
    "de": "Germany",
    "gb": "United Kingdom",
    "in": "India",
    "ie": "Ireland",
    "it": "Italy",
    "nz": "New Zealand",
    "ro": "Romania",
    "es": "Spain",
    "us": "United States",
}


def metadata_resource(row: Metadata) -> dict[str, Any]:
    """MetadataResource; tags come from the prefetch of `for_resource()`."""
    cls = IMPLEMENTATIONS.get(row.implementation)
    return {
        "enable": row.enable,
        "name": row.name,
        "fields": field_resources(cls.Settings, row.settings) if cls else [],
        **implementation_facts(cls, row.implementation),
        "message": cls.message if cls else None,
        "tags": sorted(tag.pk for tag in row.tags.all()),
        "presets": [],
        "id": row.pk,
    }


def metadata_template(cls: type[MetadataConsumer]) -> dict[str, Any]:
    """One entry of GET /metadata/schema: a new consumer of that kind, off."""
    return {
        "enable": False,
        "name": cls.implementation_name,
        "fields": field_resources(cls.Settings, None),
        **implementation_facts(cls, cls.implementation),
        "message": cls.message,
        "tags": [],
        "presets": [],
    }


def read_enable(row: Metadata, cls: type[Provider], body: dict[str, Any], failures: list[Failure]) -> None:
    """`enable` as sent (a new consumer is off unless it says so; an update keeps its value)."""
    try:
        value = optional_bool("enable", body.get("enable"))
    except ValidationFailed as error:
        failures.extend(error.failures)
        return
    if value is not None:
        row.enable = value


def posted_enable(post: QueryDict) -> dict[str, Any]:
    return {"enable": "enable" in post}


METADATA = ProviderFamily(
    label="metadata consumer",
    resource_name="Metadata",
    model=Metadata,
    implementations=IMPLEMENTATIONS,
    resource=metadata_resource,
    template=metadata_template,  # type: ignore[arg-type]
    read_columns=read_enable,
    pages=ProviderPages(
        list_url="imports:metadata",
        new_url="imports:metadata-new",
        edit_url="imports:metadata-edit",
        delete_url="imports:metadata-delete",
        test_url="imports:metadata-test",
        inputs_template="imports/metadata_inputs.html",
        tags_hint="Kept for clients, as in Radarr: metadata is written for every movie whatever its tags.",
        posted_columns=posted_enable,
    ),
)


def metadata_config_resource(config: MetadataConfig) -> dict[str, Any]:
    return {"id": 1, "certificationCountry": config.certification_country}


def save_metadata_config(body: dict[str, Any]) -> MetadataConfig:
    """config/metadata: the certification country, one of Radarr's TMDbCountryCode values."""
    config = MetadataConfig.load()
    if "certificationCountry" in body:
        value = body["certificationCountry"]
        country = value.lower() if isinstance(value, str) else None
        if country not in CERTIFICATION_COUNTRIES:
            choices = ", ".join(CERTIFICATION_COUNTRIES)
            message = f"'certificationCountry' must be one of: {choices}"
            raise ValidationFailed([Failure("certificationCountry", message, value)])
        config.certification_country = country
    config.save()
    return config
