"""{% load languages %}: Radarr's language ids as their names, for pages that hold ids."""

from collections.abc import Iterable

from django import template

from releases.languages import LANGUAGES_BY_ID

register = template.Library()


@register.filter
def language_names(language_ids: Iterable[int] | None) -> str:
    """[1, 2] → "English, French"; an id Radarr does not know shows as "Unknown (id)"."""
    names = []
    for language_id in language_ids or ():
        language = LANGUAGES_BY_ID.get(language_id)
        names.append(language.name if language else f"Unknown ({language_id})")
    return ", ".join(names)
