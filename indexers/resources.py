"""Indexer rows and options in Radarr's v3 shapes (IndexerResource, IndexerConfigResource)."""

from typing import Any

from indexers.implementations import IMPLEMENTATIONS
from indexers.implementations.base import BaseIndexer
from indexers.models import Indexer, IndexerConfig
from radarr.providers import field_resources, implementation_facts


def indexer_resource(indexer: Indexer) -> dict[str, Any]:
    """An indexer as GET /api/v3/indexer lists it; field values exactly as stored, secrets masked."""
    cls = IMPLEMENTATIONS[indexer.implementation]
    return {
        "id": indexer.pk,
        "name": indexer.name,
        "fields": field_resources(cls.Settings, indexer.settings),
        **implementation_facts(cls, cls.implementation),
        "tags": [tag.pk for tag in indexer.tags.all()],
        "presets": [],
        "enableRss": indexer.enable_rss,
        "enableAutomaticSearch": indexer.enable_automatic_search,
        "enableInteractiveSearch": indexer.enable_interactive_search,
        "supportsRss": cls.supports_rss,
        "supportsSearch": cls.supports_search,
        "protocol": cls.protocol,
        "priority": indexer.priority,
        "downloadClientId": indexer.download_client_id,
    }


def indexer_template(cls: type[BaseIndexer]) -> dict[str, Any]:
    """One entry of GET /indexer/schema: a new indexer of that kind with its default field values."""
    return {
        "id": 0,
        "name": "",
        "fields": field_resources(cls.Settings, None),
        **implementation_facts(cls, cls.implementation),
        "tags": [],
        "presets": [],
        "enableRss": cls.supports_rss,
        "enableAutomaticSearch": cls.supports_search,
        "enableInteractiveSearch": cls.supports_search,
        "supportsRss": cls.supports_rss,
        "supportsSearch": cls.supports_search,
        "protocol": cls.protocol,
        "priority": 25,
        "downloadClientId": 0,
    }


def indexer_config_resource(config: IndexerConfig) -> dict[str, Any]:
    return {
        "id": config.pk,
        "minimumAge": config.minimum_age,
        "maximumSize": config.maximum_size,
        "retention": config.retention,
        "rssSyncInterval": config.rss_sync_interval,
        "preferIndexerFlags": config.prefer_indexer_flags,
        "availabilityDelay": config.availability_delay,
        "allowHardcodedSubs": config.allow_hardcoded_subs,
        "whitelistedHardcodedSubs": config.whitelisted_hardcoded_subs,
    }
