"""Sign in from an import list's form (Trakt, Plex, Simkl), as Radarr's "Authenticate" button does:
Start asks the service for a code or a sign-in page (the provider's `startOAuth` action), then the page
polls `getOAuthToken` every few seconds and, once the user approved, fills the token inputs of the form
(out-of-band swaps); Save keeps them. Nothing is saved here."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_POST

from movies.importlistediting import IMPORT_LISTS, SIGN_IN
from radarr.api.errors import ValidationFailed
from radarr.providerpages import posted_provider
from radarr.providers import ProviderError

TEMPLATE = "movies/importlist_signin.html"

TOKEN_FIELDS = ("accessToken", "refreshToken", "expires", "authUser")
POLL_SECONDS = 5


def _ask(request: HttpRequest, action: str, query: dict[str, str]) -> tuple[str, dict[str, Any]]:
    implementation = request.POST.get("implementation", "")
    if implementation not in SIGN_IN:
        return "", {"error": "This kind of list needs no sign-in."}
    try:
        provider = posted_provider(request, IMPORT_LISTS)
    except ValidationFailed as failed:
        return SIGN_IN[implementation][0], {
            "error": "; ".join(failure.message for failure in failed.failures)
        }
    try:
        answer = provider.request_action(action, query) if provider is not None else {}
    except ProviderError as error:  # the service unreachable: said on the form, never a 500
        return SIGN_IN[implementation][0], {"error": error.message}
    return SIGN_IN[implementation][0], answer if isinstance(answer, dict) else {}


@require_POST
def sign_in_start(request: HttpRequest) -> HttpResponse:
    service, answer = _ask(request, "startOAuth", {})
    key = SIGN_IN.get(request.POST.get("implementation", ""), ("", ""))[1]
    context = {
        "service": service,
        "answer": answer,
        "key": key,
        "code": answer.get(key),
        "poll": POLL_SECONDS,
    }
    if not answer.get("error") and not answer.get(key):
        answer["error"] = (
            f"{service or 'The service'} did not start a sign-in: check the client id and secret."
        )
    return render(request, f"{TEMPLATE}#started", context)


@require_POST
def sign_in_finish(request: HttpRequest) -> HttpResponse:
    implementation = request.POST.get("implementation", "")
    key = SIGN_IN.get(implementation, ("", ""))[1]
    service, answer = _ask(request, "getOAuthToken", {key: request.POST.get("signin_code", "")})
    context = {
        "service": service,
        "answer": answer,
        "key": key,
        "code": request.POST.get("signin_code", ""),
        "poll": POLL_SECONDS,
        "tokens": [(name, answer.get(name)) for name in TOKEN_FIELDS if answer.get(name) is not None],
    }
    return render(request, f"{TEMPLATE}#finished", context)


urlpatterns = [
    path("settings/importlists/signin/start", sign_in_start, name="importlist-signin-start"),
    path("settings/importlists/signin/finish", sign_in_finish, name="importlist-signin-finish"),
]
