"""v3 endpoints: /tag (list, create, rename, delete) and /tag/detail (what uses each tag)."""

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from movies import library
from movies.resources import tag_detail_resources, tag_resource
from radarr.api.auth import api_view
from radarr.api.identity import resource_id, row_or_404
from radarr.api.responses import json_response, read_json_object
from radarr.models import Tag


def _tag(id: int) -> Tag:
    tag = row_or_404(Tag.objects.all(), "Tag", id)
    return tag


def _rename(request: HttpRequest, path_id: int | None) -> HttpResponse:
    body = read_json_object(request)
    tag = library.rename_tag(_tag(resource_id(path_id, body)), body.get("label"))
    return json_response(tag_resource(tag), status=202)


@api_view("GET", "POST", "PUT")
def tag_collection(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        tag = library.create_tag(read_json_object(request).get("label"))
        return json_response(tag_resource(tag), status=201)
    if request.method == "PUT":  # pyarr 5 sends no id in the path
        return _rename(request, None)
    return json_response([tag_resource(tag) for tag in Tag.objects.order_by("pk")])


@api_view("GET", "PUT", "DELETE")
def tag_detail(request: HttpRequest, id: int) -> HttpResponse:
    if request.method == "PUT":
        return _rename(request, id)
    tag = _tag(id)
    if request.method == "DELETE":
        library.delete_tag(tag)
        return HttpResponse(status=200)
    return json_response(tag_resource(tag))


@api_view("GET")
def tag_usage_collection(request: HttpRequest) -> HttpResponse:
    return json_response(tag_detail_resources(Tag.objects.order_by("pk")))


@api_view("GET")
def tag_usage_detail(request: HttpRequest, id: int) -> HttpResponse:
    return json_response(tag_detail_resources([_tag(id)])[0])


api_v3: list[URLPattern] = [
    path("tag", tag_collection),
    path("tag/detail", tag_usage_collection),
    path("tag/detail/<int:id>", tag_usage_detail),
    path("tag/<int:id>", tag_detail),
]
