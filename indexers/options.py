"""Settings → Indexers → Options (config/indexer), and the facts the decision engine reads from here."""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from indexers.models import Indexer, IndexerConfig
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import optional_bool, optional_text, whole_number
from radarr.jobs import sync_schedules
from releases.decisions.context import DecisionSettings, IndexerFacts


@dataclass(slots=True)
class IndexerOptions:
    minimum_age: int = 0
    maximum_size: int = 0
    retention: int = 0
    rss_sync_interval: int = 30
    prefer_indexer_flags: bool = False
    availability_delay: int = 0
    allow_hardcoded_subs: bool = False
    whitelisted_hardcoded_subs: str = ""


_NUMBERS = {
    "minimum_age": ("minimumAge", "Minimum Age"),
    "maximum_size": ("maximumSize", "Maximum Size"),
    "retention": ("retention", "Retention"),
    "rss_sync_interval": ("rssSyncInterval", "RSS Sync Interval"),
    "availability_delay": ("availabilityDelay", "Availability Delay"),
}
_FLAGS = {"prefer_indexer_flags": "preferIndexerFlags", "allow_hardcoded_subs": "allowHardcodedSubs"}


def indexer_options_input(body: dict[str, Any], config: IndexerConfig) -> IndexerOptions:
    """An IndexerConfigResource body; what it leaves out keeps the saved value. Bad numbers are a 400."""
    failures, values = [], {}
    for attribute, (name, label) in _NUMBERS.items():
        raw = body.get(name, getattr(config, attribute))
        try:
            values[attribute] = whole_number(name, raw)  # int32, as Radarr's: the column holds no more
        except ValidationFailed:
            failures.append(Failure(name, f"'{label}' must be a whole number", raw))
    for attribute, name in _FLAGS.items():
        try:
            flag = optional_bool(name, body.get(name))
        except ValidationFailed as error:
            failures += error.failures
            continue
        values[attribute] = getattr(config, attribute) if flag is None else flag
    try:
        subs = optional_text("whitelistedHardcodedSubs", body.get("whitelistedHardcodedSubs"))
    except ValidationFailed as error:
        failures += error.failures
        subs = None
    if failures:
        raise ValidationFailed(failures)
    values["whitelisted_hardcoded_subs"] = config.whitelisted_hardcoded_subs if subs is None else subs
    return IndexerOptions(**values)


def options_failures(options: IndexerOptions) -> list[Failure]:
    """Radarr's IndexerConfigController rules."""
    failures = []
    for attribute in ("minimum_age", "maximum_size", "retention"):
        name, label = _NUMBERS[attribute]
        value = getattr(options, attribute)
        if value < 0:
            failures.append(Failure(name, f"'{label}' must be greater than or equal to '0'.", value))
    interval = options.rss_sync_interval
    if interval != 0 and not 10 <= interval <= 120:
        failures.append(Failure("rssSyncInterval", "Must be between 10 and 120 or 0 to disable", interval))
    return failures


def save_indexer_options(options: IndexerOptions) -> IndexerConfig:
    failures = options_failures(options)
    if failures:
        raise ValidationFailed(failures)
    config = IndexerConfig.load()
    for attribute in IndexerOptions.__dataclass_fields__:
        setattr(config, attribute, getattr(options, attribute))
    config.save()
    sync_schedules()  # the RSS sync schedule follows its interval setting
    return config


def rss_sync_minutes() -> int:
    """RssSync's interval as the user set it (radarr.jobs reads it): 0 turns it off."""
    return IndexerConfig.load().rss_sync_interval


def decision_settings() -> DecisionSettings:
    """The global indexer options the decision rules read (one query)."""
    config = IndexerConfig.load()
    return DecisionSettings(
        minimum_age_minutes=config.minimum_age,
        retention_days=config.retention,
        maximum_size_mb=config.maximum_size,
        allow_hardcoded_subs=config.allow_hardcoded_subs,
        whitelisted_hardcoded_subs=config.whitelisted_hardcoded_subs,
        prefer_indexer_flags=config.prefer_indexer_flags,
    )


def _required_flags(settings: dict[str, Any]) -> int:
    flags = 0
    for value in settings.get("requiredFlags") or []:
        if isinstance(value, int) and not isinstance(value, bool):
            flags |= value
    return flags


def indexer_facts() -> dict[int, IndexerFacts]:
    """Every indexer as the decision engine knows it, by id (two queries: rows and tags)."""
    now = timezone.now()
    facts = {}
    for indexer in Indexer.objects.for_resource():
        minimum_seeders = indexer.settings.get("minimumSeeders", 1)
        facts[indexer.pk] = IndexerFacts(
            id=indexer.pk,
            name=indexer.name,
            priority=indexer.priority,
            tag_ids=frozenset(tag.pk for tag in indexer.tags.all()),
            required_flags=_required_flags(indexer.settings),
            minimum_seeders=minimum_seeders if isinstance(minimum_seeders, int) else 1,
            blocked_until=indexer.disabled_until if indexer.is_backed_off(now) else None,
        )
    return facts


def availability_delay_days() -> int:
    """Radarr's availability delay (days, may be negative): what movies.availability reads. One read,
    never a write: lists read it inside their snapshot."""
    delay = IndexerConfig.objects.filter(pk=1).values_list("availability_delay", flat=True).first()
    return delay or 0
