"""Pages: Collections — the TMDB collections the library touches, which of their movies are missing, and
monitoring (which adds the missing ones with the collection's own settings)."""

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_POST

from movies.collectionmonitoring import set_collection_monitored, update_collection
from movies.models import Collection, ImportExclusion, MinimumAvailability, Movie, RootFolder, VersionTemplate
from movies.views.addmovie import show_failures
from radarr.api.errors import ValidationFailed
from releases.models import QualityProfile

PAGE_SIZE = 50
SETTINGS_FIELDS = {
    "QualityProfileId": "quality_profile",
    "MinimumAvailability": "minimum_availability",
    "versionTemplateIds": "version_templates",
}


@dataclass(frozen=True, slots=True)
class Part:
    tmdb_id: int
    title: str
    year: int
    in_library: bool
    excluded: bool
    released: bool  # monitoring adds only members already in cinemas or released, as Radarr does


@dataclass(slots=True)
class CollectionCard:
    collection: Collection
    poster: str
    parts: list[Part] = field(default_factory=list)
    form: "CollectionSettingsForm | None" = None

    @property
    def in_library(self) -> int:
        return sum(part.in_library for part in self.parts)

    @property
    def missing(self) -> int:
        return sum(not part.in_library for part in self.parts)


@dataclass(frozen=True, slots=True)
class Choices:
    """The profiles and root folders every card's form offers, read once per page."""

    profiles: list[tuple[int, str]]
    folders: list[str]
    templates: list[tuple[int, str]]  # version templates

    @classmethod
    def load(cls) -> "Choices":
        return cls(
            list(QualityProfile.objects.values_list("pk", "name")),
            list(RootFolder.objects.values_list("path", flat=True)),
            list(VersionTemplate.objects.order_by("name").values_list("pk", "name")),
        )


class CollectionSettingsForm(forms.Form):
    quality_profile = forms.TypedChoiceField(coerce=int)
    root_folder_path = forms.ChoiceField(label="Root folder")
    minimum_availability = forms.ChoiceField(choices=MinimumAvailability.choices)
    search_on_add = forms.BooleanField(required=False, label="Search on add")
    version_templates = forms.TypedMultipleChoiceField(
        coerce=int, required=False, widget=forms.CheckboxSelectMultiple, label="Versions"
    )

    def __init__(self, *args: object, collection: Collection, choices: Choices, **kwargs: object) -> None:
        kwargs.setdefault(
            "initial",
            {
                "quality_profile": collection.quality_profile_id,
                "root_folder_path": collection.root_folder_path,
                "minimum_availability": collection.minimum_availability,
                "search_on_add": collection.search_on_add,
                "version_templates": list(collection.version_template_ids),
            },
        )
        super().__init__(*args, auto_id=f"id_%s_{collection.pk}", **kwargs)  # type: ignore[arg-type]
        folders = list(choices.folders)
        if collection.root_folder_path and collection.root_folder_path not in folders:
            folders.insert(0, collection.root_folder_path)
        self.fields["root_folder_path"].choices = [(folder, folder) for folder in folders]
        self.fields["quality_profile"].choices = choices.profiles
        self.fields["version_templates"].choices = choices.templates


def _poster(collection: Collection) -> str:
    return next((i["remoteUrl"] for i in collection.images if i.get("coverType") == "poster"), "")


def _cards(collections: list[Collection]) -> list[CollectionCard]:
    """Cards with each part marked in library, excluded or missing: four queries for the whole page."""
    choices = Choices.load()
    part_ids = {int(part["tmdbId"]) for c in collections for part in c.parts if part.get("tmdbId")}
    in_library = set(Movie.objects.filter(tmdb_id__in=part_ids).values_list("tmdb_id", flat=True))
    excluded = set(ImportExclusion.objects.filter(tmdb_id__in=part_ids).values_list("tmdb_id", flat=True))
    cards = []
    for collection in collections:
        card = CollectionCard(
            collection,
            _poster(collection),
            form=CollectionSettingsForm(collection=collection, choices=choices),
        )
        for part in collection.parts:
            tmdb_id = int(part.get("tmdbId") or 0)
            card.parts.append(
                Part(
                    tmdb_id=tmdb_id,
                    title=part.get("title", ""),
                    year=int(part.get("year") or 0),
                    in_library=tmdb_id in in_library,
                    excluded=tmdb_id in excluded,
                    released=part.get("status", "released") in ("inCinemas", "released"),
                )
            )
        cards.append(card)
    return cards


def _collections() -> QuerySet[Collection]:
    return Collection.objects.all()


@require_GET
def collection_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(_collections(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "movies/collections.html", {"cards": _cards(list(page)), "page": page})


def _card_response(request: HttpRequest, collection: Collection) -> HttpResponse:
    if request.htmx:
        collection = _collections().get(pk=collection.pk)
        return render(request, "movies/collections.html#card", {"card": _cards([collection])[0]})
    return redirect(f"{reverse('movies:collections')}#collection-{collection.tmdb_id}")


@require_POST
def toggle_collection(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = get_object_or_404(Collection, pk=collection_id)
    monitored = request.POST.get("monitored") == "true"
    added = set_collection_monitored(collection, monitored)
    if not monitored:
        messages.success(
            request, f"{collection.title} is no longer monitored; its movies stay in the library."
        )
    elif added:
        titles = ", ".join(movie.title for movie in added)
        messages.success(request, f"Monitoring {collection.title}: added {len(added)} movie(s): {titles}.")
    else:
        messages.success(request, f"Monitoring {collection.title}: no released movie was missing.")
    return _card_response(request, collection)


@require_POST
def collection_settings(request: HttpRequest, collection_id: int) -> HttpResponse:
    collection = get_object_or_404(Collection, pk=collection_id)
    form = CollectionSettingsForm(request.POST, collection=collection, choices=Choices.load())
    if form.is_valid():
        data = form.cleaned_data
        changes = {
            "quality_profile_id": data["quality_profile"],
            "root_folder_path": data["root_folder_path"],
            "minimum_availability": data["minimum_availability"],
            "search_on_add": data["search_on_add"],
            "version_template_ids": data["version_templates"],
        }
        try:
            update_collection(collection, changes)
        except ValidationFailed as failures:
            show_failures(form, failures, SETTINGS_FIELDS)
        else:
            messages.success(request, f"Saved the settings of {collection.title}.")
            return _card_response(request, collection)
    card = _cards([_collections().get(pk=collection.pk)])[0]
    card.form = form
    template = "movies/collections.html#card" if request.htmx else "movies/collections.html"
    return render(request, template, {"card": card, "cards": [card]}, status=400)


urlpatterns = [
    path("collections", collection_list, name="collections"),
    path("collections/<int:collection_id>/monitor", toggle_collection, name="collection-monitor"),
    path("collections/<int:collection_id>/settings", collection_settings, name="collection-settings"),
]
