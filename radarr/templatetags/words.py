"""Template filters for the human words of radarr.humanize (a builtin library: no {% load %} needed).

{{ event.event_name|event_label }}   {{ issue.source|check_name }}   {{ row|kind }}
{{ quality.resolution|resolution }}  {{ task.last_duration|duration }}  {{ record.state|download_state }}
"""

from typing import Any

from django import template

from radarr import humanize
from radarr.providerfamily import FAMILIES_BY_MODEL

register = template.Library()

register.filter("event_label", humanize.event_label)
register.filter("check_name", humanize.check_name)
register.filter("download_state", humanize.download_state)
register.filter("command_name", humanize.command_name)
register.filter("resolution", humanize.resolution)
register.filter("duration", humanize.duration)
register.filter("words", humanize.words)


@register.filter
def kind(row: Any) -> str:
    """A provider row's kind as Radarr's UI names it ("QBittorrent" → "qBittorrent"), from the class
    its `implementation` names; an unknown implementation in words."""
    implementation = getattr(row, "implementation", "") or ""
    family = FAMILIES_BY_MODEL.get(type(row))
    return (family and family.implementation_name(implementation)) or humanize.words(implementation)
