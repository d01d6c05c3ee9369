"""Where each tag is used, by name, for Settings → Tags: movies, profiles, lists and providers."""

from dataclasses import dataclass, field

from django.db import models

from movies.resources import tag_detail_resources
from radarr.models import Tag

# v3 detail key → (what people call it, plural), in the order Radarr's tag details list them
KINDS = {
    "movieIds": ("Movie", "Movies"),
    "delayProfileIds": ("Delay profile", "Delay profiles"),
    "releaseProfileIds": ("Release profile", "Release profiles"),
    "importListIds": ("Import list", "Import lists"),
    "indexerIds": ("Indexer", "Indexers"),
    "downloadClientIds": ("Download client", "Download clients"),
    "notificationIds": ("Connection", "Connections"),
    "autoTagIds": ("Auto tagging rule", "Auto tagging rules"),
}
NAMES_SHOWN = 10  # of each kind; the count says how many more


@dataclass(slots=True)
class TagUse:
    kind: tuple[str, str]  # singular, plural
    names: list[str]
    count: int

    @property
    def label(self) -> str:
        """ "1 Movie", "3 Indexers"."""
        return f"{self.count} {self.kind[0] if self.count == 1 else self.kind[1]}"

    @property
    def more(self) -> int:
        return self.count - len(self.names)


@dataclass(slots=True)
class TagUsage:
    tag: Tag
    uses: list[TagUse] = field(default_factory=list)

    @property
    def in_use(self) -> bool:
        return bool(self.uses)


def _name_field(model: type[models.Model]) -> str | None:
    names = {model_field.name for model_field in model._meta.get_fields()}
    return next((name for name in ("title", "name") if name in names), None)


def _names(model: type[models.Model], ids: list[int], singular: str) -> dict[int, str]:
    name_field = _name_field(model)
    if name_field is None:  # delay profiles have no name: they are told apart by number
        return {pk: f"{singular} {pk}" for pk in ids}
    return dict(model.objects.filter(pk__in=ids).values_list("pk", name_field))


def _tagged_models() -> dict[str, type[models.Model]]:
    """The model behind each v3 detail key, found through the tag's relations (no import of other apps)."""
    by_name = {
        relation.related_model._meta.model_name: relation.related_model
        for relation in Tag._meta.related_objects
        if relation.many_to_many
    }
    return {
        key: by_name[key.removesuffix("Ids").lower()]
        for key in KINDS
        if key.removesuffix("Ids").lower() in by_name
    }


def tag_usages() -> list[TagUsage]:
    """Every tag with the names of what uses it: a query per kind of tagged row, and per kind in use."""
    tags = list(Tag.objects.order_by("label"))
    details = tag_detail_resources(tags)
    tagged = _tagged_models()
    names = {}
    for key, model in tagged.items():
        ids = sorted({pk for detail in details for pk in detail.get(key, [])[:NAMES_SHOWN]})
        names[key] = _names(model, ids, KINDS[key][0]) if ids else {}
    usages = []
    for tag, detail in zip(tags, details, strict=True):
        uses = [
            TagUse(
                KINDS[key],
                [names[key][pk] for pk in detail[key][:NAMES_SHOWN] if pk in names[key]],
                len(detail[key]),
            )
            for key in tagged
            if detail.get(key)
        ]
        usages.append(TagUsage(tag, uses))
    return usages
