"""Pages: the bulk editor — actions on the movies ticked in the index's select mode.

Monitoring, profile, availability and tags change in one go; a version template's version is added to
each movie. A new root folder with "move files" moves folders one at a time through a job (progress in
System → Tasks) when the job exists, else here. Delete goes through a confirmation page where "delete
files" starts unticked, as on a single movie.
"""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from movies.deleting import delete_movies
from movies.editing import edit_movies
from movies.models import MinimumAvailability, Movie, VersionTemplate
from movies.rootfolders import root_folder_failure
from movies.versions import apply_template
from movies.views.addmovie import create_tags
from radarr.api.errors import Failure, ValidationFailed
from radarr.api.params import int_or_none
from radarr.commands import queue_command

BULK_MOVE_JOB = "BulkMoveMovie"  # Radarr's command for moving many movies to a new root folder
TAG_ACTIONS = {"tagsAdd": "add", "tagsRemove": "remove", "tagsReplace": "replace"}


def _ids(request: HttpRequest) -> list[int]:
    return [pk for value in request.POST.getlist("movieIds") if (pk := int_or_none(value)) is not None]


def _next(request: HttpRequest) -> str:
    """The index as the user left it (filters, page, select mode); only a URL of this site."""
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = f"{reverse('movies:index')}?select=1"
    return target


def _back(request: HttpRequest) -> HttpResponse:
    return redirect(_next(request))


def _movies_word(count: int) -> str:
    return f"{count} movie" + ("" if count == 1 else "s")


@require_http_methods(["GET", "POST"])
def movie_editor(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return redirect(f"{reverse('movies:index')}?select=1")
    ids = _ids(request)
    action = request.POST.get("action", "")
    if not ids:
        messages.error(request, "Tick the movies to change first.")
        return _back(request)
    if action == "delete":
        return confirm_delete(request, ids)
    try:
        text = _apply(request, action, ids)
    except ValidationFailed as failures:
        messages.error(request, "; ".join(failure.message for failure in failures.failures))
    else:
        messages.success(request, text)
    return _back(request)


def _apply(request: HttpRequest, action: str, ids: list[int]) -> str:
    """Run one editor action; the message says what changed."""
    post, count = request.POST, _movies_word(len(ids))
    if action in ("monitor", "unmonitor"):
        edit_movies(ids, monitored=action == "monitor")
        return f"{count} {'monitored' if action == 'monitor' else 'unmonitored'}."
    if action == "profile":
        edit_movies(ids, quality_profile_id=int(post.get("qualityProfileId") or 0))
        return f"Quality profile set on {count}."
    if action == "availability":
        value = post.get("minimumAvailability", "")
        edit_movies(ids, minimum_availability=value)
        label = dict(MinimumAvailability.choices).get(value, value)
        return f"Minimum availability set to {label} on {count}."
    if action in TAG_ACTIONS:
        tag_ids = [pk for value in post.getlist("tags") if (pk := int_or_none(value)) is not None]
        tag_ids += create_tags(post.get("newTags", ""))
        edit_movies(ids, tag_ids=tag_ids, apply_tags=TAG_ACTIONS[action])
        return f"Tags updated on {count}."
    if action == "rootFolder":
        return _move(request, ids, post.get("rootFolderPath", ""), post.get("moveFiles") == "true")
    if action == "versionTemplate":
        return _add_versions(ids, int_or_none(post.get("versionTemplateId", "")))
    return "Nothing to do: choose an action."


def _add_versions(ids: list[int], template_id: int | None) -> str:
    """Add a template's version to every ticked movie; those having it already are left as they are."""
    template = VersionTemplate.objects.filter(pk=template_id or 0).first()
    if template is None:
        raise ValidationFailed([Failure("versionTemplateId", "Choose a version template first")])
    outcome = apply_template(ids, template)
    text = f"Version {template.name} added to {_movies_word(outcome.added)}."
    if outcome.already:
        text += f" {_movies_word(outcome.already)} had it already."
    if outcome.refused:
        text += f" Not added: {'; '.join(outcome.refused)}."
    return text


def _move(request: HttpRequest, ids: list[int], root: str, move_files: bool) -> str:
    """Moving folders can take hours: a job does it, one folder at a time, when the job is there."""
    if not root:
        raise ValidationFailed([Failure("RootFolderPath", "Choose a root folder first")])
    failure = root_folder_failure("RootFolderPath", root)  # before queueing a job that would refuse it
    if failure:
        raise ValidationFailed([failure])
    if move_files:
        body = {"movieIds": ids, "destinationRootFolder": root, "moveFiles": True}
        queue_command(BULK_MOVE_JOB, body, user_agent=request.headers.get("User-Agent", ""))
        return f"Moving {_movies_word(len(ids))} to {root}, one folder at a time: see System → Tasks."
    moved = edit_movies(ids, root_folder_path=root, move_files=move_files)
    still_elsewhere = [movie.title for movie in moved if movie.root_folder_path != root]
    text = f"Root folder set to {root} on {_movies_word(len(moved) - len(still_elsewhere))}"
    text += " and their folders moved." if move_files else " (files were not moved)."
    if still_elsewhere:
        text += f" Not moved (see System → Logs): {', '.join(still_elsewhere)}."
    return text


def confirm_delete(request: HttpRequest, ids: list[int]) -> HttpResponse:
    movies = Movie.objects.filter(pk__in=ids).only("pk", "title", "year", "path", "has_file", "size_on_disk")
    context = {"movies": movies, "next": _next(request)}
    return render(request, "movies/editor_delete.html", context)


@require_POST
def delete_selected(request: HttpRequest) -> HttpResponse:
    ids = _ids(request)
    delete_files = request.POST.get("deleteFiles") == "true"
    add_exclusion = request.POST.get("addImportExclusion") == "true"
    outcome = delete_movies(ids, delete_files=delete_files, add_exclusion=add_exclusion)
    text = f"{_movies_word(outcome.deleted)} removed from the library"
    text += "; their folders were deleted." if delete_files else "; their files were left on disk."
    if outcome.refused:
        text += f" {len(outcome.refused)} could not be deleted: {' '.join(outcome.refused)}"
    messages.success(request, text)
    return _back(request)


urlpatterns = [
    path("editor", movie_editor, name="editor"),
    path("editor/delete", delete_selected, name="editor-delete"),
]
