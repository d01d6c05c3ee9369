"""v3 endpoints of our own (Radarr has no versions): /movie/{id}/version (list, add) and
/movie/{id}/version/{versionId} (read, change, delete), and /versiontemplate (CRUD).

A version reads as the movie resource's entry for it (movies.versionentries), so the two never disagree,
with an extra version's file in Radarr's MovieFileResource shape added (`movieFile`). Version 0 is the
primary version, the movie itself: it is changed as PUT /movie changes the movie and cannot be deleted
apart from it. Bodies are read as Radarr reads them: names ignoring case, unknown properties ignored;
bad input is Radarr's failure list.
"""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.module_loading import import_string

from movies import editing, versiontemplates
from movies.api.movies import minimum_availability, path_text
from movies.models import Movie, MovieVersion, VersionTemplate
from movies.resources import movie_resources
from movies.versionentries import with_version_files
from movies.versions import add_version, template_fields, update_version
from radarr.api.auth import api_view
from radarr.api.errors import NotFound, invalid
from radarr.api.identity import resource_id, row_or_404
from radarr.api.params import InsensitiveDict, optional_bool, optional_text, optional_whole_number
from radarr.api.responses import json_response, read_json_object
from radarr.api.secrets import masked

NAME_LENGTH = MovieVersion._meta.get_field("name").max_length


def version_fields(body: InsensitiveDict) -> dict[str, Any]:
    """movies.versions' fields from a version resource: only what the body says (a PUT changes those)."""
    fields: dict[str, Any] = {}
    if "name" in body:
        fields["name"] = optional_text("name", body.get("name")) or ""
        if len(fields["name"]) > NAME_LENGTH:
            raise invalid("name", f"'Name' must be {NAME_LENGTH} characters or fewer", fields["name"])
    profile_id = optional_whole_number("qualityProfileId", body.get("qualityProfileId"))
    if profile_id is not None:
        fields["quality_profile_id"] = profile_id
    if body.get("minimumAvailability") is not None:
        fields["minimum_availability"] = minimum_availability(body.get("minimumAvailability"))
    if (monitored := optional_bool("monitored", body.get("monitored"))) is not None:
        fields["monitored"] = monitored
    if "edition" in body:
        fields["edition"] = optional_text("edition", body.get("edition")) or ""
    if "rootFolderPath" in body:
        fields["root_folder_path"] = path_text(body, "rootFolderPath")
    return fields


def _movie_resource(movie_id: int) -> dict[str, Any]:
    found = movie_resources(Movie.objects.filter(pk=movie_id))  # the list's own queries
    if not found:
        raise NotFound("Movie", movie_id)
    return found[0]


def _versions(movie_id: int) -> list[dict[str, Any]]:
    return with_version_files(_movie_resource(movie_id))


def _version_resource(movie_id: int, key: int) -> dict[str, Any]:
    for version in _versions(movie_id):
        if version["id"] == key:
            return version
    raise NotFound("MovieVersion", key)


def _extra_row(movie_id: int, version_id: int) -> MovieVersion:
    """The movie's extra version; another movie's (or none) is a 404, as an unknown id is."""
    row = MovieVersion.objects.select_related("movie").filter(pk=version_id, movie_id=movie_id).first()
    if row is None:
        row_or_404(Movie.objects.all(), "Movie", movie_id)  # the movie itself missing says so first
        raise NotFound("MovieVersion", version_id)
    return row


def _template(template_id: Any) -> VersionTemplate:
    number = optional_whole_number("templateId", template_id)
    template = VersionTemplate.objects.filter(pk=number).first() if number else None
    if template is None:
        raise invalid("templateId", "Version template does not exist", template_id)
    return template


def _add(request: HttpRequest, movie: Movie) -> HttpResponse:
    """A version from the body, or from a template (`{"templateId": N}`, the body's fields overriding)."""
    body = read_json_object(request)
    template = _template(body.get("templateId")) if body.get("templateId") is not None else None
    defaults = {
        "monitored": True,
        "minimum_availability": movie.minimum_availability,
        "edition": "",
        "root_folder_path": "",
    }
    fields = defaults | (template_fields(template) if template else {}) | version_fields(body)
    row = add_version(movie, fields, template)
    return json_response(_version_resource(movie.pk, row.pk), status=201)


@api_view("GET", "POST")
def version_collection(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "POST":
        return _add(request, row_or_404(Movie.objects.all(), "Movie", id))
    return json_response(_versions(id))


def _update_primary(request: HttpRequest, movie: Movie, body: InsensitiveDict) -> None:
    """The primary version is the movie: its wishes change as PUT /movie changes them."""
    fields = version_fields(body)
    if fields.get("edition"):
        message = "The movie's own version takes any edition: add a version for a named one"
        raise invalid("edition", message, fields["edition"])
    changes = {
        name: fields[name]
        for name in ("monitored", "minimum_availability", "quality_profile_id", "root_folder_path")
        if name in fields
    }
    editing.update_movie(movie, changes, move_files=request.query.get_bool("moveFiles"))


def _delete(request: HttpRequest, row: MovieVersion) -> None:
    """Remove the version; its file goes to the recycle bin only with ?deleteFiles=true, else it stays
    on disk. The imports app does it (named in settings: movies may not import it); a file that cannot
    go is a 409 and the version stays."""
    delete_version = import_string(settings.RADARR_VERSION_DELETER)
    delete_version(row, delete_files=request.query.get_bool("deleteFiles"))


@api_view("GET", "PUT", "DELETE")
def version_item(request: HttpRequest, id: int, version_id: int) -> HttpResponse:
    if request.method == "GET":
        return json_response(_version_resource(id, version_id))
    if version_id == 0:
        movie = row_or_404(Movie.objects.all(), "Movie", id)
        if request.method == "DELETE":
            raise invalid("id", "The primary version is the movie itself: delete the movie instead", 0)
        _update_primary(request, movie, read_json_object(request))
        return json_response(_version_resource(id, 0), status=202)
    row = _extra_row(id, version_id)
    if request.method == "DELETE":
        _delete(request, row)
        return HttpResponse(status=200)
    update_version(row, version_fields(read_json_object(request)))
    return json_response(_version_resource(id, row.pk), status=202)


# ---- version templates

_TEMPLATE_PROPERTIES = {
    "name": "name",
    "urlBase": "url_base",
    "qualityProfileId": "quality_profile_id",
    "rootFolderPath": "root_folder_path",
    "minimumAvailability": "minimum_availability",
    "monitored": "monitored",
    "edition": "edition",
    "apiKey": "api_key",
}


def template_resource(template: VersionTemplate) -> dict[str, Any]:
    """A template as the API shows it: its own API key masked (an empty one means the main key)."""
    resource: dict[str, Any] = {"id": template.pk}
    for name, field in _TEMPLATE_PROPERTIES.items():
        resource[name] = getattr(template, field)
    resource["apiKey"] = masked(template.api_key)
    return resource


def _template_changes(body: InsensitiveDict) -> dict[str, Any]:
    changes = {field: body.get(name) for name, field in _TEMPLATE_PROPERTIES.items() if name in body}
    if "quality_profile_id" in changes:
        changes["quality_profile_id"] = optional_whole_number(
            "qualityProfileId", changes["quality_profile_id"]
        )
    if "minimum_availability" in changes:
        changes["minimum_availability"] = minimum_availability(changes["minimum_availability"])
    if "root_folder_path" in changes:
        changes["root_folder_path"] = path_text(body, "rootFolderPath")
    for field in ("url_base", "edition", "api_key"):
        if changes.get(field, "") is None:
            changes[field] = ""
    return changes


def _save_template(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    existing = None
    if request.method == "PUT":
        existing = row_or_404(VersionTemplate.objects.all(), "VersionTemplate", resource_id(path_id, body))
    template = versiontemplates.save_template(existing, _template_changes(body))
    return json_response(template_resource(template), status=201 if existing is None else 202)


@api_view("GET", "POST", "PUT")
def template_collection(request: HttpRequest) -> HttpResponse:
    if request.method in ("POST", "PUT"):
        return _save_template(request, None)
    return json_response([template_resource(template) for template in VersionTemplate.objects.all()])


@api_view("GET", "PUT", "DELETE")
def template_item(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _save_template(request, id)
    template = row_or_404(VersionTemplate.objects.all(), "VersionTemplate", id)
    if request.method == "DELETE":
        versiontemplates.delete_template(template)
        return HttpResponse(status=200)
    return json_response(template_resource(template))


api_v3: list[URLPattern] = [
    path("movie/<int:id>/version", version_collection),
    path("movie/<int:id>/version/<int:version_id>", version_item),
    path("versiontemplate", template_collection),
    path("versiontemplate/<int:id>", template_item),
]
