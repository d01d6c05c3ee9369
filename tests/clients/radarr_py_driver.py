"""Run inside the radarr-py virtual environment (python -I, so our own `radarr` package is not on the
path): call every list_* and get_* method devopsarr's radarr-py offers against a server, letting its
typed models deserialize each answer, and print {call: {"ok": ..., "error": ...}} as JSON.

Usage: python -I radarr_py_driver.py URL API_KEY CONTEXT_JSON
"""

import datetime
import inspect
import json
import sys
from typing import Any

import radarr

# UI and file routes, not v3 resources: their answers are pages or bytes
NOT_CALLED = {
    "AuthenticationApi.get_logout": "ends the session: a page, not a resource",
    "StaticResourceApi.get_by_path": "the web UI's static files",
    "StaticResourceApi.get_content_by_path": "the web UI's static files",
    "StaticResourceApi.get_login": "the login page",
    "MediaCoverApi.get_media_cover_by_filename": "image bytes",
}


def arguments(context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Parameters radarr-py marks optional but a useful call (or Radarr) needs."""
    movie_id = context["movieIds"][0]
    return {
        "MovieLookupApi.list_movie_lookup": {"term": "The Matrix"},
        "MovieLookupApi.list_movie_lookup_imdb": {"imdb_id": "tt0133093"},
        "MovieLookupApi.list_movie_lookup_tmdb": {"tmdb_id": 603},
        "ManualImportApi.list_manual_import": {"folder": context["root"]},
        "HistoryApi.list_history_movie": {"movie_id": movie_id},
        "HistoryApi.list_history_since": {"var_date": datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)},
        "BlocklistApi.list_blocklist_movie": {"movie_id": movie_id},
        "ParseApi.get_parse": {"title": "The.Matrix.1999.1080p.BluRay.x264-GRP"},
        "ReleaseApi.list_release": {"movie_id": movie_id},
        "ExtraFileApi.list_extra_file": {"movie_id": movie_id},
        "RenameMovieApi.list_rename": {"movie_id": movie_id},
        "MovieFileApi.list_movie_file": {"movie_id": [movie_id]},
        "CreditApi.get_credit": {"movie_id": movie_id},
        "FileSystemApi.get_file_system": {"path": context["root"]},
        "FileSystemApi.get_file_system_type": {"path": context["root"]},
        "FileSystemApi.get_file_system_mediafiles": {"path": context["root"]},
    }


def _methods(api: type) -> list[str]:
    return sorted(
        name
        for name in dir(api)
        if name.startswith(("list_", "get_"))
        and not name.endswith(("_with_http_info", "_without_preload_content"))
    )


def _required(method: Any) -> list[str]:
    parameters = inspect.signature(method).parameters.items()
    return [
        name
        for name, parameter in parameters
        if name != "self" and parameter.default is inspect.Parameter.empty
    ]


def _first(answer: Any, attribute: str) -> Any:
    items = answer if isinstance(answer, list) else getattr(answer, "records", None) or [answer]
    for item in items:
        value = getattr(item, attribute, None)
        if value is not None:
            return value
    return None


def _error(error: Exception) -> str:
    status = getattr(error, "status", None)
    if status:  # an HTTP error: its status and body (the headers radarr-py adds say nothing)
        return f"{type(error).__name__} {status}: {str(getattr(error, 'body', ''))[:300]}"
    return f"{type(error).__name__}: {error}"[:800]


def run(url: str, api_key: str, context: dict[str, Any]) -> dict[str, dict[str, Any]]:
    configuration = radarr.Configuration(host=url, api_key={"X-Api-Key": api_key})
    client = radarr.ApiClient(configuration)
    table = arguments(context)
    results: dict[str, dict[str, Any]] = {}
    for api_name in sorted(name for name in dir(radarr) if name.endswith("Api") and name != "ApiClient"):
        api = getattr(radarr, api_name)(client)
        answers: list[Any] = []
        later = []
        for name in _methods(type(api)):
            call = f"{api_name}.{name}"
            if call in NOT_CALLED:
                results[call] = {"skipped": NOT_CALLED[call]}
                continue
            method = getattr(api, name)
            if _required(method):
                later.append((call, method))
                continue
            results[call] = _call(method, table.get(call, {}), answers)
        for call, method in later:  # by id or file name: the first item the other calls gave
            required = _required(method)
            given = {key: _first_of(answers, key) for key in required}
            if any(value is None for value in given.values()):
                results[call] = {"skipped": f"no {', '.join(required)} to ask for"}
                continue
            results[call] = _call(method, given, [])
    return results


def _first_of(answers: list[Any], attribute: str) -> Any:
    for answer in answers:
        value = _first(answer, attribute)
        if value is not None:
            return value
    return None


def _call(method: Any, kwargs: dict[str, Any], answers: list[Any]) -> dict[str, Any]:
    try:
        answer = method(**kwargs)
    except Exception as error:  # every failure is a result to report, whatever raised it
        return {"ok": False, "error": _error(error)}
    answers.append(answer)
    return {"ok": True}


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1], sys.argv[2], json.loads(sys.argv[3])), indent=1, sort_keys=True))
