import pytest

from movies.decisionfacts import movie_facts
from radarr.models import Tag
from releases.customformats import compile_formats
from tests.movies.factories import MovieFactory, MovieFileFactory

pytestmark = pytest.mark.django_db

X265 = {
    "id": 7,
    "name": "x265",
    "specifications": [
        {
            "name": "x265",
            "implementation": "ReleaseTitleSpecification",
            "negate": False,
            "required": False,
            "fields": {"value": "x265"},
        }
    ],
}


def test_facts_carry_the_primary_file_with_its_quality_formats_and_the_tags(django_assert_max_num_queries):
    tag = Tag.objects.create(label="4k")
    heat = MovieFactory(title="Heat", year=1995)
    heat.tags.add(tag)
    MovieFileFactory(
        movie=heat,
        relative_path="Heat.1995.1080p.BluRay.x265-GRP.mkv",
        scene_name="",
        quality_id=7,
        revision={"version": 2, "real": 0, "isRepack": True},
        release_group="GRP",
    )
    bare = MovieFactory(title="Ronin", year=1998)
    movies = list(type(heat).objects.filter(pk__in=[heat.pk, bare.pk]))

    with django_assert_max_num_queries(3):  # primary files, tags, the availability delay
        facts = movie_facts(movies, compile_formats([X265]))

    heat_facts = facts[heat.pk]
    assert (
        heat_facts.file.quality.quality.name == "Bluray-1080p"
        and heat_facts.file.quality.revision.version == 2
    )
    assert heat_facts.file.format_ids == {7} and heat_facts.file.release_group == "GRP"
    assert heat_facts.tag_ids == {tag.pk} and heat_facts.quality_profile_id == heat.quality_profile_id
    assert facts[bare.pk].file is None and facts[bare.pk].tag_ids == frozenset()
