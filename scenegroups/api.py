"""v3 scene groups (our extension): the list, one group with its factors, and pinning by PUT.

`PUT /scenegroup/{name}` takes `{"pinned": true, "score": 80, "pinNote": "..."}` or `{"pinned": false}`;
a client may also send back the whole resource it read, as Radarr's clients do with PUTs.
"""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from radarr.api.auth import api_view
from radarr.api.errors import ApiError, invalid
from radarr.api.responses import json_response, read_json_object
from scenegroups.listing import ranked_groups
from scenegroups.models import SceneGroup, group_key
from scenegroups.pins import pin_group, unpin_group
from scenegroups.resources import scene_group_detail_resource, scene_group_resource


def _group(name: str) -> SceneGroup:
    group = SceneGroup.objects.filter(key=group_key(name)).first()
    if group is None:
        raise ApiError(404, f"Scene group '{name}' does not exist", "NotFound")
    return group


@api_view("GET")
def scene_group_collection(request: HttpRequest) -> HttpResponse:
    return json_response([scene_group_resource(group) for group in ranked_groups()])


def _update(request: HttpRequest, group: SceneGroup) -> SceneGroup:
    body = read_json_object(request)
    pinned = body.get("pinned")
    if not isinstance(pinned, bool):
        raise invalid("pinned", "Pinned must be true or false", pinned)
    if not pinned:
        return unpin_group(group)
    return pin_group(group, body.get("score"), body.get("pinNote", ""))


@api_view("GET", "PUT")
def scene_group_item(request: HttpRequest, name: str) -> HttpResponse:
    group = _group(name)
    if request.method == "PUT":
        return json_response(scene_group_detail_resource(_update(request, group)), status=202)
    return json_response(scene_group_detail_resource(group))


api_v3 = [
    path("scenegroup", scene_group_collection),
    path("scenegroup/<str:name>", scene_group_item),
]
