"""The shared pieces of the v3 CRUD views: which row a request means, and the provider test answer."""

import pytest
from django.test import RequestFactory

from radarr.api.bulk import force_save_requested, raise_test_errors
from radarr.api.errors import ApiError, Failure, NotFound, ValidationFailed
from radarr.api.identity import row_or_404, row_to_save, saved_status
from radarr.api.params import QueryParams
from radarr.models import Tag
from tests.factories import TagFactory


def _request(method: str, query: str = ""):
    request = RequestFactory().generic(method, f"/api/v3/thing{query}")
    request.query = QueryParams(request.GET)
    return request


@pytest.mark.django_db
def test_row_or_404_finds_the_row_in_the_given_rows():
    tag = TagFactory(label="hd")

    assert row_or_404(Tag.objects.all(), "Tag", tag.pk) == tag


@pytest.mark.django_db
def test_a_row_outside_the_given_rows_is_radarrs_404():
    tag = TagFactory(label="hd")

    with pytest.raises(NotFound) as raised:
        row_or_404(Tag.objects.exclude(pk=tag.pk), "Tag", tag.pk)

    assert raised.value.status == 404
    assert raised.value.message == f"Tag with ID {tag.pk} does not exist"


@pytest.mark.django_db
def test_a_post_saves_a_new_row_even_when_the_body_names_one():
    tag = TagFactory(label="hd")

    assert row_to_save(_request("POST"), Tag.objects.all(), "Tag", None, {"id": tag.pk}) is None


@pytest.mark.django_db
def test_a_put_saves_the_row_the_path_names_before_the_body():
    path_tag, body_tag = TagFactory(label="hd"), TagFactory(label="uhd")

    assert (
        row_to_save(_request("PUT"), Tag.objects.all(), "Tag", path_tag.pk, {"id": body_tag.pk}) == path_tag
    )
    assert row_to_save(_request("PUT"), Tag.objects.all(), "Tag", None, {"id": body_tag.pk}) == body_tag


@pytest.mark.django_db
def test_a_put_of_a_missing_row_is_a_404_and_one_without_an_id_a_400():
    with pytest.raises(NotFound):
        row_to_save(_request("PUT"), Tag.objects.all(), "Tag", 999, {})
    with pytest.raises(ValidationFailed) as raised:
        row_to_save(_request("PUT"), Tag.objects.all(), "Tag", None, {})

    assert raised.value.status == 400


def test_a_create_answers_201_and_an_update_202():
    assert saved_status(_request("POST")) == 201
    assert saved_status(_request("PUT")) == 202


@pytest.mark.parametrize(
    ("query", "forced"),
    [
        ("?forceSave=true", True),
        ("?FORCESAVE=True", True),
        ("?forceSave=false", False),
        ("", False),
    ],
)
def test_force_save_is_read_as_true_or_false_in_any_case(query, forced):
    assert force_save_requested(_request("POST", query)) is forced


@pytest.mark.parametrize("query", ["?forceSave=1", "?forceSave=no", "?forceSave="])
def test_a_force_save_that_is_not_a_bool_is_a_400(query):
    with pytest.raises(ValidationFailed) as raised:
        force_save_requested(_request("POST", query))

    assert raised.value.failures[0].property_name == "forceSave"


def test_warnings_alone_pass_a_provider_test():
    raise_test_errors([Failure("host", "slow", severity="warning")])


def test_a_failed_provider_test_is_a_400_listing_only_its_errors():
    warning, error = Failure("host", "slow", severity="warning"), Failure("port", "refused")

    with pytest.raises(ApiError) as raised:
        raise_test_errors([warning, error])

    assert raised.value.status == 400
    assert raised.value.failures == [error]
