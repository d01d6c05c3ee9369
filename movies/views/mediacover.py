"""Pages: cover images at Radarr's `/MediaCover/{movieId}/poster.jpg` paths, for our pages and for
clients that link the `url` of a movie's images."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import path
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from movies.mediacover import CoverFile, find_cover

YEAR = 365 * 24 * 3600
DAY = 24 * 3600


def cover_response(request: HttpRequest, cover: CoverFile) -> HttpResponse:
    """The file with an ETag; long-lived when the URL carries `?lastWrite=` (it changes with the file).

    A placeholder must not be cached: the real cover replaces it as soon as a refresh downloads it.
    """
    if cover.is_placeholder:
        response = HttpResponse(cover.content, content_type="image/jpeg")
        patch_cache_control(response, no_cache=True)
        return response
    if request.headers.get("If-None-Match") == cover.etag:
        cover.file.close()
        response = HttpResponseNotModified()
    else:
        response = FileResponse(cover.file, content_type="image/jpeg")  # closes it when sent
    response["ETag"] = cover.etag
    if "lastwrite" in {key.lower() for key in request.GET}:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=DAY)
    return response


@require_safe
def media_cover(request: HttpRequest, movie_id: int, filename: str) -> HttpResponse:
    cover = find_cover(movie_id, filename)
    if cover is None:
        raise Http404("No such cover")
    return cover_response(request, cover)


# Radarr's UI and Bazarr write MediaCover with capitals; both spellings answer
urlpatterns = [
    path("MediaCover/<int:movie_id>/<str:filename>", media_cover, name="mediacover"),
    path("mediacover/<int:movie_id>/<str:filename>", media_cover),
]
