"""Pages: the movie index."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_GET

from radarr.views import area


@require_GET
def movie_index(request: HttpRequest) -> HttpResponse:
    return area(request, "movies")


urlpatterns = [path("", movie_index, name="index")]
