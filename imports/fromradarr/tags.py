"""Tags first: every other section names tags by id, mapped here to ours by label."""

from imports.fromradarr.reader import RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState
from movies.library import create_tag
from radarr.api.errors import ApiError
from radarr.models import Tag


def import_tags(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    existing = set(Tag.objects.values_list("label", flat=True))
    for body in reader.get_list("tag"):
        report.found += 1
        try:
            tag = create_tag(body.get("label"))  # an existing label is returned, never a second tag
        except ApiError as error:
            report.skip("label not accepted")
            report.notice("invalid", f"Tag #{body.get('id')}", str(error))
            continue
        if isinstance(body.get("id"), int):
            state.tags[body["id"]] = tag.pk
        if tag.label in existing:
            report.updated += 1
        else:
            report.imported += 1
