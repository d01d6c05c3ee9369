"""Collections' own settings (monitored, profile, root folder, availability, search on add, tags) and
auto tagging rules, through the movies app's writers. Collections are matched by TMDB id (the movies
section created the rows its movies name), rules by name."""

from typing import Any

from imports.fromradarr.reader import NotInSource, RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState, label
from movies.api.collections import collection_changes
from movies.autotagrules import rule_input, save_auto_tag
from movies.collectionmonitoring import update_collection
from movies.models import AutoTag, Collection
from movies.titles import clean_title, sort_title
from radarr.api.errors import ApiError
from radarr.api.params import InsensitiveDict

# auto tagging conditions whose value is a row id on the source (Radarr's specification names)
_TAG_VALUE = "TagSpecification"
_PROFILE_VALUE = "QualityProfileSpecification"


def import_collections(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    try:
        bodies = reader.get_list("collection")
    except NotInSource:  # Radarr before 4.2 had no collection resource
        report.skip("not in the source's version")
        return
    known = {collection.tmdb_id: collection for collection in Collection.objects.all()}
    for body in bodies:
        report.found += 1
        tmdb_id = body.get("tmdbId")
        if not isinstance(tmdb_id, int) or tmdb_id <= 0:
            report.skip("no TMDB id")
            continue
        collection = known.get(tmdb_id)
        title = str(body.get("title") or "")
        if collection is None:
            collection = Collection.objects.create(
                tmdb_id=tmdb_id, title=title, clean_title=clean_title(title), sort_title=sort_title(title)
            )
        body = {
            **state.with_tags(body),
            "qualityProfileId": state.quality_profiles.get(body.get("qualityProfileId")),
        }
        try:
            update_collection(collection, collection_changes(InsensitiveDict(body)))
        except ApiError as error:
            report.skip("not accepted here")
            report.notice("invalid", label(body, "Collection"), error.message)
            continue
        report.updated += tmdb_id in known
        report.imported += tmdb_id not in known


def _with_our_ids(specification: Any, state: ImportState) -> Any:
    """A condition naming a tag or a quality profile names ours."""
    if not isinstance(specification, dict):
        return specification
    mapping = {_TAG_VALUE: state.tags, _PROFILE_VALUE: state.quality_profiles}.get(
        str(specification.get("implementation"))
    )
    if mapping is None:
        return specification
    fields = [
        {**field, "value": mapping.get(field.get("value"), 0)} if field.get("name") == "value" else field
        for field in specification.get("fields") or []
        if isinstance(field, dict)
    ]
    return {**specification, "fields": fields}


def import_auto_tags(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    try:
        bodies = reader.get_list("autotagging")
    except NotInSource:  # Radarr before 5 had no auto tagging
        report.skip("not in the source's version")
        return
    by_name = {rule.name: rule for rule in AutoTag.objects.all()}
    for body in bodies:
        report.found += 1
        specifications = body.get("specifications")
        if isinstance(specifications, list):
            specifications = [_with_our_ids(item, state) for item in specifications]
        rule = rule_input(
            body.get("name"),
            body.get("removeTagsAutomatically"),
            state.tag_ids(body.get("tags")),
            specifications,
        )
        existing = by_name.get(rule.name)
        try:
            saved = save_auto_tag(rule, existing)
        except ApiError as error:
            report.skip("not accepted here")
            report.notice("invalid", label(body, "Auto tag"), error.message)
            continue
        by_name[saved.name] = saved
        report.updated += existing is not None
        report.imported += existing is None
