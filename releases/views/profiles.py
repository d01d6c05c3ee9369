"""Pages: Settings → Profiles, the quality profiles (Delay and Release Profiles have modules of their own).

The quality-profile editor posts its whole state (items in the order shown, highest first, as
Radarr's UI shows them) and re-renders it for the editing buttons (move, group, ungroup), so it
works without JavaScript; static/js/profiles.js adds drag-to-order on top.
"""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import URLPattern, path
from django.views.decorators.http import require_GET, require_http_methods

from radarr.api.errors import ApiError, ValidationFailed
from radarr.api.params import int_or_none
from releases import languages
from releases.defaults import GROUP_ID_START, profile_items
from releases.models import CustomFormat, QualityProfile
from releases.profiles import (
    KEEP,
    MAX_SCENE_GROUP_POINTS,
    MAX_UPGRADE_WINDOW_DAYS,
    QualityProfileInput,
    delete_quality_profile,
    quality_profile_failures,
    save_quality_profile,
)
from releases.qualities import QUALITIES_BY_ID, UNKNOWN


def show_failures(form: forms.Form, failures: ValidationFailed, fields: dict[str, str]) -> None:
    """Put each of Radarr's failures on the form field it names, the rest above the form."""
    for failure in failures.failures:
        form.add_error(fields.get(failure.property_name.split("[")[0]), failure.message)


def _quality_name(quality_id: int) -> str:
    quality = QUALITIES_BY_ID.get(quality_id)
    return quality.name if quality else f"Unknown quality {quality_id}"


def _item_key(item: dict[str, Any]) -> str:
    return f"g{item['id']}" if "qualities" in item else f"q{item['quality']}"


def _item_value(item: dict[str, Any]) -> int:
    """What the cutoff stores for an item: a group's id or a quality's id."""
    return item["id"] if "qualities" in item else item["quality"]


def _item_label(item: dict[str, Any]) -> str:
    return item["name"] if "qualities" in item else _quality_name(item["quality"])


# ---- quality profiles: the editor's item list


def _ints(text: str) -> list[int]:
    numbers = [int_or_none(part) for part in text.split(",") if part.strip()]
    return [] if None in numbers else numbers  # a tampered list: validation reports the missing qualities


def posted_items(post: QueryDict) -> list[dict[str, Any]]:
    """The editor's items (posted highest first) in the stored order, lowest first."""
    allowed = set(post.getlist("allowed"))
    items: list[dict[str, Any]] = []
    for key in post.getlist("item"):
        kind, number = key[:1], int_or_none(key[1:])
        if number is None:
            continue
        if kind == "g":
            members = _ints(post.get(f"members_{key}", ""))
            name = post.get(f"name_{key}", "").strip()
            items.append({"id": number, "name": name, "allowed": key in allowed, "qualities": members})
        elif kind == "q":
            items.append({"quality": number, "allowed": key in allowed})
    items.reverse()
    return items


def _move(items: list[dict[str, Any]], key: str, step: int) -> list[dict[str, Any]]:
    """Move an item one place up (step -1) or down (+1) in the order shown, highest first."""
    shown = list(reversed(items))
    index = next((n for n, item in enumerate(shown) if _item_key(item) == key), None)
    if index is not None and 0 <= index + step < len(shown):
        shown[index], shown[index + step] = shown[index + step], shown[index]
    return list(reversed(shown))


def _group(items: list[dict[str, Any]], keys: set[str], name: str) -> list[dict[str, Any]]:
    """Merge the selected items into one new group, placed where the highest selected item was."""
    chosen = [item for item in items if _item_key(item) in keys]
    if not chosen:
        return items
    qualities = [quality for item in chosen for quality in item.get("qualities", [item.get("quality")])]
    group_id = max([GROUP_ID_START - 1, *(item["id"] for item in items if "qualities" in item)]) + 1
    label = name.strip() or " | ".join(_quality_name(quality) for quality in reversed(qualities))
    group = {
        "id": group_id,
        "name": label,
        "allowed": any(i["allowed"] for i in chosen),
        "qualities": qualities,
    }
    highest = _item_key(chosen[-1])  # items run lowest first
    result = []
    for item in items:
        if _item_key(item) == highest:
            result.append(group)
        elif _item_key(item) not in keys:
            result.append(item)
    return result


def _ungroup(items: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = []
    for item in items:
        if _item_key(item) == key and "qualities" in item:
            result.extend({"quality": quality, "allowed": item["allowed"]} for quality in item["qualities"])
        else:
            result.append(item)
    return result


def _apply_action(items: list[dict[str, Any]], action: str, post: QueryDict) -> list[dict[str, Any]]:
    verb, _, key = action.partition(":")
    if verb in ("up", "down"):
        return _move(items, key, -1 if verb == "up" else 1)
    if verb == "group":
        return _group(items, set(post.getlist("select")), post.get("group_name", ""))
    if verb == "ungroup":
        return _ungroup(items, key)
    return items


def _editor_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the template shows per item, highest first."""
    return [
        {
            "key": _item_key(item),
            "value": _item_value(item),
            "label": _item_label(item),
            "allowed": item["allowed"],
            "is_group": "qualities" in item,
            "name": item.get("name", ""),
            "members": [_quality_name(quality) for quality in item.get("qualities", [])],
            "members_value": ",".join(str(quality) for quality in item.get("qualities", [])),
        }
        for item in reversed(items)
    ]


# ---- quality profiles: the form around the items

_PROFILE_FIELDS = {
    "name": "name",
    "cutoff": "cutoff",
    "language": "language",
    "minFormatScore": "min_format_score",
    "cutoffFormatScore": "cutoff_format_score",
    "minUpgradeFormatScore": "min_upgrade_format_score",
    "sceneGroupReputationPoints": "scene_group_points",
    "upgradeWindowDays": "upgrade_window_days",
    "cutoffFormatId": "cutoff_format",
}


class QualityProfileForm(forms.Form):
    """The profile's own settings and a score per custom format; the rules live in save_quality_profile."""

    name = forms.CharField(max_length=200, required=False)
    upgrade_allowed = forms.BooleanField(required=False, label="Upgrades allowed")
    cutoff = forms.IntegerField(label="Upgrade until")
    language = forms.TypedChoiceField(
        coerce=int, choices=[(lang.id, lang.name) for lang in languages.LANGUAGES]
    )
    min_format_score = forms.IntegerField(label="Minimum custom format score", initial=0)
    cutoff_format_score = forms.IntegerField(label="Upgrade until custom format score", initial=0)
    min_upgrade_format_score = forms.IntegerField(label="Minimum custom format score increment", initial=1)
    scene_group_points = forms.IntegerField(
        label="Release group reputation points",
        required=False,  # a post without it (an older page) keeps the stored value
        initial=0,
        min_value=0,
        max_value=MAX_SCENE_GROUP_POINTS,
        help_text=(
            "Adds up to this many custom format points to a release for its release group's "
            "reputation: the group's score out of 100, then a quarter of that at low confidence, "
            "60% at medium, all of it at high or when pinned. The movie's file gets the same, "
            "so a group never upgrades itself. 0 turns it off: releases rank exactly as in Radarr."
        ),
    )

    upgrade_window_days = forms.IntegerField(
        label="Stop upgrading after (days)",
        required=False,  # empty: upgrades go on for as long as the cutoff is unmet
        min_value=0,
        max_value=MAX_UPGRADE_WINDOW_DAYS,
        help_text=(
            "Upgrades stop this many days after the movie's first file was imported (counted in "
            "whole days, the import's day included); the movie then counts as meeting its cutoff. "
            "Empty: no limit."
        ),
    )
    cutoff_format = forms.TypedChoiceField(
        label="Upgrade until custom format",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Once the file has this custom format, it meets the cutoff and is no longer upgraded.",
    )

    def __init__(
        self, *args: Any, formats: list[CustomFormat], scores: dict[int, int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.formats = formats
        self.fields["cutoff_format"].choices = [("", "None"), *((f.pk, f.name) for f in formats)]
        for custom_format in formats:
            self.fields[f"score_{custom_format.pk}"] = forms.IntegerField(
                label=custom_format.name, initial=scores.get(custom_format.pk, 0)
            )

    def score_fields(self) -> list[forms.BoundField]:
        return [self[f"score_{custom_format.pk}"] for custom_format in self.formats]

    def profile_input(self, items: list[dict[str, Any]]) -> QualityProfileInput:
        data = self.cleaned_data
        return QualityProfileInput(
            name=data["name"].strip(),
            upgrade_allowed=data["upgrade_allowed"],
            cutoff=data["cutoff"],
            items=items,
            min_format_score=data["min_format_score"],
            cutoff_format_score=data["cutoff_format_score"],
            min_upgrade_format_score=data["min_upgrade_format_score"],
            language_id=data["language"],
            format_scores={f.pk: data[f"score_{f.pk}"] for f in self.formats},
            scene_group_points=data["scene_group_points"],
            # a post without them (a page from before they existed) keeps what is stored
            upgrade_window_days=data["upgrade_window_days"] if "upgrade_window_days" in self.data else KEEP,
            cutoff_format_id=data["cutoff_format"] if "cutoff_format" in self.data else KEEP,
        )


def _initial(profile: QualityProfile | None) -> dict[str, Any]:
    if profile is None:
        return {"upgrade_allowed": False, "cutoff": 0, "language": languages.ENGLISH.id}
    return {
        "name": profile.name,
        "upgrade_allowed": profile.upgrade_allowed,
        "cutoff": profile.cutoff,
        "language": profile.language_id,
        "min_format_score": profile.min_format_score,
        "cutoff_format_score": profile.cutoff_format_score,
        "min_upgrade_format_score": profile.min_upgrade_format_score,
        "scene_group_points": profile.scene_group_points,
        "upgrade_window_days": profile.upgrade_window_days,
        "cutoff_format": profile.cutoff_format_id,
    }


@require_GET
def profiles(request: HttpRequest) -> HttpResponse:
    rows = [
        {
            "profile": profile,
            "cutoff": next((_item_label(i) for i in profile.items if _item_value(i) == profile.cutoff), "—"),
            "allowed": [_item_label(item) for item in reversed(profile.items) if item["allowed"]],
        }
        for profile in QualityProfile.objects.select_related("cutoff_format")
    ]
    return render(request, "releases/profile_list.html", {"rows": rows})


def posted_profile(
    request: HttpRequest, profile: QualityProfile
) -> tuple[QualityProfileForm, QualityProfileInput | None]:
    """The editor's unsaved state (a preview posts it): the profile it describes, or None with the
    form's errors on its fields when it could not be saved as it is."""
    formats = list(CustomFormat.objects.order_by("pk"))
    scores = {row.custom_format_id: row.score for row in profile.format_scores.all()}
    form = QualityProfileForm(request.POST, formats=formats, scores=scores)
    if not form.is_valid():
        return form, None
    data = form.profile_input(posted_items(request.POST))
    failures = quality_profile_failures(data, profile.pk)
    if failures:
        show_failures(form, ValidationFailed(failures), _PROFILE_FIELDS)
        return form, None
    return form, data


def _edit_profile(request: HttpRequest, profile: QualityProfile | None) -> HttpResponse:
    formats = list(CustomFormat.objects.order_by("pk"))
    scores = {row.custom_format_id: row.score for row in profile.format_scores.all()} if profile else {}
    status = 200
    if request.method == "POST":
        form = QualityProfileForm(request.POST, formats=formats, scores=scores)
        items = posted_items(request.POST)
        action = request.POST.get("action", "save")
        if action != "save":
            items = _apply_action(items, action, request.POST)
        elif form.is_valid():
            try:
                saved = save_quality_profile(form.profile_input(items), profile)
            except ValidationFailed as failures:
                show_failures(form, failures, _PROFILE_FIELDS)
            else:
                messages.success(request, f"Quality profile '{saved.name}' saved.")
                return redirect("releases:profiles")
        status = 400 if form.errors else 200
    else:
        form = QualityProfileForm(initial=_initial(profile), formats=formats, scores=scores)
        items = profile.items if profile else profile_items([], UNKNOWN)[0]
    context = {
        "form": form,
        "profile": profile,
        "rows": _editor_rows(items),
        "cutoff": form["cutoff"].value(),
    }
    return render(request, "releases/profile_edit.html", context, status=status)


@require_http_methods(["GET", "POST"])
def profile_new(request: HttpRequest) -> HttpResponse:
    return _edit_profile(request, None)


@require_http_methods(["GET", "POST"])
def profile_edit(request: HttpRequest, id: int) -> HttpResponse:
    return _edit_profile(request, get_object_or_404(QualityProfile.objects.for_resource(), pk=id))


def confirm_delete(request: HttpRequest, what: str, cancel: str) -> HttpResponse:
    return render(request, "releases/profile_delete.html", {"what": what, "cancel": cancel})


@require_http_methods(["GET", "POST"])
def profile_delete(request: HttpRequest, id: int) -> HttpResponse:
    profile = get_object_or_404(QualityProfile, pk=id)
    if request.method == "GET":
        return confirm_delete(request, f"the quality profile '{profile.name}'", "releases:profiles")
    try:
        delete_quality_profile(profile)
    except ApiError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Quality profile '{profile.name}' deleted.")
    return redirect("releases:profiles")


urlpatterns: list[URLPattern] = [
    path("profiles", profiles, name="profiles"),
    path("profiles/new", profile_new, name="profile-new"),
    path("profiles/<int:id>", profile_edit, name="profile-edit"),
    path("profiles/<int:id>/delete", profile_delete, name="profile-delete"),
]
