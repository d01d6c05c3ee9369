"""v3 `/movie/{id}` of a version template's virtual instance: reading and editing are the version's
(movies.api.versioninstance); deleting removes only the version, never the movie nor the primary
version's files. Here because removing a version's file goes through the recycle bin (imports)."""

from django.http import HttpRequest, HttpResponse

from movies.api import versioninstance
from movies.models import MovieFile, MovieVersion
from movies.versionresources import instance_versions
from radarr.api.auth import api_view
from radarr.api.errors import ApiError, NotFound


def delete_version(row: MovieVersion, *, delete_files: bool) -> None:
    """imports.versionfiles.delete_version removes a version and, when asked, its file through the
    recycle bin. Until that module is merged, only a version without a file is removed here: one
    with a file is refused, as removing the row alone would leave the file to no version."""
    try:
        from imports import versionfiles
    except ImportError:
        if MovieFile.objects.filter(version=row).exists():
            raise ApiError(409, "The version has a file", "Remove its file first, then the version") from None
        row.delete()
        return
    versionfiles.delete_version(row, delete_files=delete_files)


@api_view("GET", "PUT", "DELETE")
def movie_detail(request: HttpRequest, id: int) -> HttpResponse:
    template = versioninstance.instance_template(request)
    if template is None:
        raise NotFound("Movie", id)
    if request.method == "GET":
        return versioninstance.read(template, id)
    if request.method == "PUT":
        return versioninstance.update(request, template, id)
    row = instance_versions(template, [id]).get(id)
    if row is None:
        raise NotFound("Movie", id)
    delete_version(row, delete_files=request.query.get_bool("deleteFiles"))  # type: ignore[attr-defined]
    return HttpResponse(status=200)
