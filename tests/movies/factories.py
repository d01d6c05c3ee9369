"""Factories for the library: movies, their files, collections and root folders.

MovieFileFactory keeps the movie's denormalised `has_file`/`size_on_disk` right through
movies.scanning.update_file_state, and matches the file's custom formats, as the app itself does.
"""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from movies.fileformats import assign_formats
from movies.models import Collection, ImportExclusion, Movie, MovieFile, RootFolder
from movies.scanning import update_file_state
from movies.titles import clean_title, sort_title
from releases.models import QualityProfile


def default_profile() -> QualityProfile:
    """The first of Radarr's default profiles (installed by the releases migrations)."""
    return QualityProfile.objects.order_by("pk").first()


class RootFolderFactory(DjangoModelFactory):
    class Meta:
        model = RootFolder
        django_get_or_create = ("path",)

    path = factory.Sequence(lambda n: f"/movies{n}")


class CollectionFactory(DjangoModelFactory):
    class Meta:
        model = Collection

    tmdb_id = factory.Sequence(lambda n: 900_000 + n)
    title = factory.Sequence(lambda n: f"Collection {n}")
    clean_title = factory.LazyAttribute(lambda collection: clean_title(collection.title))
    sort_title = factory.LazyAttribute(lambda collection: sort_title(collection.title))
    quality_profile = factory.LazyFunction(default_profile)
    root_folder_path = "/movies"
    parts = factory.LazyFunction(list)


class MovieFactory(DjangoModelFactory):
    class Meta:
        model = Movie
        skip_postgeneration_save = True

    tmdb_id = factory.Sequence(lambda n: 10_000 + n)
    imdb_id = factory.Sequence(lambda n: f"tt{1_000_000 + n}")
    title = factory.Sequence(lambda n: f"Movie {n}")
    original_title = factory.SelfAttribute("title")
    sort_title = factory.LazyAttribute(lambda movie: sort_title(movie.title))
    clean_title = factory.LazyAttribute(lambda movie: clean_title(movie.title))
    year = 2010
    overview = "A film."
    runtime = 120
    status = "released"
    in_cinemas = date(2010, 5, 1)
    digital_release = date(2010, 9, 1)
    physical_release = date(2010, 10, 1)
    certification = "PG-13"
    genres = factory.LazyFunction(lambda: ["Drama"])
    studio = "A Studio"
    images = factory.LazyAttribute(
        lambda movie: [
            {"coverType": "poster", "remoteUrl": f"https://image.tmdb.org/t/p/original/{movie.tmdb_id}.jpg"},
            {
                "coverType": "fanart",
                "remoteUrl": f"https://image.tmdb.org/t/p/original/{movie.tmdb_id}-f.jpg",
            },
        ]
    )
    ratings = factory.LazyFunction(lambda: {"tmdb": {"votes": 100, "value": 7.5, "type": "user"}})
    popularity = 10.0
    quality_profile = factory.LazyFunction(default_profile)
    root_folder_path = "/movies"
    path = factory.LazyAttribute(lambda movie: f"{movie.root_folder_path}/{movie.title} ({movie.year})")

    @factory.post_generation
    def tags(self, create: bool, extracted: list | None, **kwargs: object) -> None:
        if create and extracted:
            self.tags.set(extracted)


class MovieFileFactory(DjangoModelFactory):
    class Meta:
        model = MovieFile

    movie = factory.SubFactory(MovieFactory)
    relative_path = factory.LazyAttribute(
        lambda file: f"{file.movie.title} ({file.movie.year}) Bluray-1080p.mkv"
    )
    size = 4_000_000_000
    quality_id = 7  # Bluray-1080p
    revision = factory.LazyFunction(lambda: {"version": 1, "real": 0, "isRepack": False})
    language_ids = factory.LazyFunction(lambda: [1])
    release_group = "GROUP"
    is_primary = factory.LazyAttribute(
        lambda file: not MovieFile.objects.filter(movie=file.movie, is_primary=True).exists()
    )

    @classmethod
    def _create(cls, model_class: type, *args: object, **kwargs: object) -> MovieFile:
        movie_file = model_class(*args, **kwargs)
        if "custom_format_ids" not in kwargs:  # matched as a scan or an import matches a new file
            assign_formats([movie_file], movie_file.movie)
        movie_file.save()
        update_file_state(movie_file.movie)
        return movie_file


class ImportExclusionFactory(DjangoModelFactory):
    class Meta:
        model = ImportExclusion

    tmdb_id = factory.Sequence(lambda n: 500_000 + n)
    movie_title = factory.Sequence(lambda n: f"Excluded {n}")
    movie_year = 2001
