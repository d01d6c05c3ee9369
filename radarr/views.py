"""Pages of the shell: the areas' landing pages, settings → general and UI, login, password, ping."""

from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.decorators.vary import vary_on_headers

from radarr import hostconfig, loginthrottle
from radarr.accounts import INITIAL_PASSWORD_FILE, forget_initial_password
from radarr.api.errors import Failure, ValidationFailed
from radarr.generalpage import host_settings_from_form, page_sections
from radarr.hostconfig import environment_overrides, host_config_resource, pending_restart, save_host_config
from radarr.models import UiConfig
from radarr.system.filesystem import folder_listing
from radarr.system.uiconfig import page_fields, save_ui_config, ui_config_resource, ui_settings_from_form

# What each area will show, until the issue that builds it replaces its landing page.
AREAS = {
    "movies": (
        "Movies",
        "The movies you want and the movies you have will be listed here, with posters, "
        "filters and sorting. Adding movies comes with the movie library.",
    ),
    "calendar": (
        "Calendar",
        "Upcoming cinema, digital and physical releases of your monitored movies will "
        "appear here by month, week or agenda.",
    ),
    "wanted": (
        "Wanted",
        "Monitored movies that are missing, or whose file is below the profile's cutoff, "
        "will be listed here for searching.",
    ),
}


@require_GET
def area(request: HttpRequest, area: str) -> HttpResponse:
    title, description = AREAS[area]
    return render(request, "radarr/area.html", {"area": area, "title": title, "description": description})


@require_GET
def settings_index(request: HttpRequest) -> HttpResponse:
    return render(request, "radarr/settings.html")


@require_http_methods(["GET", "POST"])
def settings_general(request: HttpRequest) -> HttpResponse:
    """Settings → General: host, security, proxy, logging, backups; validated as config/host is."""
    values = host_config_resource()
    failures: list[Failure] = []
    if request.method == "POST":
        posted = host_settings_from_form(request.POST)
        try:
            save_host_config(posted)
        except ValidationFailed as error:
            failures, values = error.failures, values | posted
        else:
            messages.success(request, "General settings saved.")
            return redirect("settings-general")
    initial_password_file: Path = settings.DATA_DIR / INITIAL_PASSWORD_FILE
    context = {
        "api_key": settings.RADARR_API_KEY,
        "sections": page_sections(values),
        "failures": failures,
        "pending_restart": pending_restart(),
        "environment_overrides": environment_overrides(),
        "data_dir": settings.DATA_DIR,
        "initial_password": initial_password_file.read_text().strip()
        if initial_password_file.exists()
        else "",
    }
    return render(request, "radarr/settings_general.html", context, status=400 if failures else 200)


@require_POST
def regenerate_api_key(request: HttpRequest) -> HttpResponse:
    """Settings → General → regenerate: the old key stops working at once."""
    try:
        hostconfig.regenerate_api_key()
    except ValidationFailed as error:
        messages.error(request, error.failures[0].message)
    else:
        messages.success(request, "A new API key is in use: give it to the programs that use the old one.")
    return redirect("settings-general")


@require_http_methods(["GET", "POST"])
def settings_ui(request: HttpRequest) -> HttpResponse:
    """Settings → UI: the calendar's first day of week, date formats, theme; validated as the API does."""
    values = ui_config_resource(UiConfig.load())
    failures: list[Failure] = []
    if request.method == "POST":
        posted = ui_settings_from_form(request.POST)
        try:
            save_ui_config(posted)
        except ValidationFailed as error:
            failures, values = error.failures, values | posted
        else:
            messages.success(request, "UI settings saved.")
            return redirect("settings-ui")
    context = {"fields": page_fields(values), "failures": failures}
    return render(request, "radarr/settings_ui.html", context, status=400 if failures else 200)


_login_view = auth_views.LoginView.as_view(redirect_authenticated_user=True)


@login_not_required
def login(request: HttpRequest) -> HttpResponse:
    """Django's login page, refusing throttled attempts before any password is hashed (loginthrottle)."""
    if request.method != "POST":
        return _login_view(request)
    if loginthrottle.is_refused(request):
        return loginthrottle.lockout_response(request)
    if not loginthrottle.try_password_check():
        return loginthrottle.busy_response(request)
    try:
        return _login_view(request)
    finally:
        loginthrottle.release_password_check()


logout = auth_views.LogoutView.as_view()


@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)  # stay logged in on this browser
        forget_initial_password()
        messages.success(request, "Your password has been changed.")
        return redirect("settings-general")
    return render(request, "registration/change_password.html", {"form": form})


@login_not_required
@require_http_methods(["GET", "HEAD"])
def ping(request: HttpRequest) -> HttpResponse:
    """Anonymous liveness probe for Docker health checks and monitors, as Radarr's /ping."""
    return JsonResponse({"status": "OK"})


@require_GET
@vary_on_headers("HX-Request")  # the listing for the picker, a page when a link is followed without htmx
def folder_picker(request: HttpRequest) -> HttpResponse:
    """The folder picker's listing (components/folder_picker.html): the folders inside `path`."""
    path = request.GET.get("path") or "/"
    listing = folder_listing(path, allow_without_slash=True)
    folder = path if path.endswith("/") else path.rsplit("/", 1)[0] + "/"
    context = {"listing": listing, "target": request.GET.get("target", ""), "folder": folder}
    template = "components/folder_picker.html#listing" if request.htmx else "radarr/folders.html"
    return render(request, template, context)
