"""Settings > Custom Formats pages: list, create and edit with conditions, delete, import and export."""

import json
from pathlib import Path

import pytest

from releases.models import CustomFormat, ProfileFormatScore

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "customformats"
NEW = "/settings/customformats/new"


def title_condition(value: str) -> dict[str, object]:
    return {
        "name": "Title",
        "implementation": "ReleaseTitleSpecification",
        "negate": False,
        "required": True,
        "fields": {"value": value},
    }


def test_the_list_shows_each_format_as_a_card_with_real_links(admin_client):
    custom_format = CustomFormat.objects.create(name="x265", specifications=[title_condition("x265")])

    response = admin_client.get("/settings/customformats")

    body = response.content.decode()
    assert response.status_code == 200 and "x265" in body
    assert f'href="/settings/customformats/{custom_format.pk}"' in body


def test_the_pages_need_a_login(client):
    response = client.get("/settings/customformats")

    assert response.status_code == 302 and "login" in response["Location"]


def test_adding_a_condition_rerenders_the_form_with_the_new_row(admin_client):
    response = admin_client.post(
        NEW, {"name": "HDR", "action": "add", "add-implementation": "SizeSpecification"}
    )

    body = response.content.decode()
    assert response.status_code == 200 and not CustomFormat.objects.exists()
    assert 'name="spec-0-implementation" value="SizeSpecification"' in body and 'name="spec-0-max"' in body


def test_the_add_step_answers_only_the_form_to_htmx(admin_client):
    response = admin_client.post(
        NEW,
        {"name": "HDR", "action": "add", "add-implementation": "SourceSpecification"},
        headers={"HX-Request": "true"},
    )

    body = response.content.decode()
    assert 'id="cf-editor"' in body and "<html" not in body


def test_removing_a_condition_drops_its_row(admin_client):
    rows = {
        "spec-0-implementation": "SourceSpecification",
        "spec-0-name": "Bluray",
        "spec-0-value": "9",
        "spec-1-implementation": "ResolutionSpecification",
        "spec-1-name": "2160p",
        "spec-1-value": "2160",
    }

    response = admin_client.post(NEW, {"name": "UHD", "action": "remove-0", **rows})

    body = response.content.decode()
    assert 'name="spec-0-implementation" value="ResolutionSpecification"' in body
    assert 'name="spec-1-implementation"' not in body


def test_saving_creates_the_format_with_typed_values_and_profile_scores(admin_client):
    response = admin_client.post(
        NEW,
        {
            "name": "Big Bluray",
            "include_custom_format_when_renaming": "on",
            "action": "save",
            "spec-0-implementation": "SourceSpecification",
            "spec-0-name": "Bluray",
            "spec-0-value": "9",
            "spec-0-required": "on",
            "spec-1-implementation": "SizeSpecification",
            "spec-1-name": "Large",
            "spec-1-min": "10",
            "spec-1-max": "55.5",
        },
    )

    assert response.status_code == 302 and response["Location"] == "/settings/customformats"
    saved = CustomFormat.objects.get(name="Big Bluray")
    assert saved.include_custom_format_when_renaming
    assert [spec["fields"] for spec in saved.specifications] == [{"value": 9}, {"min": 10, "max": 55.5}]
    assert saved.specifications[0]["required"] and not saved.specifications[1]["negate"]
    assert ProfileFormatScore.objects.filter(custom_format=saved).count() == 6


def test_an_invalid_regex_is_shown_next_to_its_field(admin_client):
    response = admin_client.post(
        NEW,
        {
            "name": "Broken",
            "action": "save",
            "spec-0-implementation": "ReleaseTitleSpecification",
            "spec-0-name": "Bad",
            "spec-0-value": "(unclosed",
        },
    )

    body = response.content.decode()
    assert response.status_code == 400 and not CustomFormat.objects.exists()
    field_at = body.index('name="spec-0-value"')
    assert "Invalid regular expression" in body[field_at : field_at + 600]


def test_a_duplicate_name_is_shown_on_the_name_field(admin_client):
    CustomFormat.objects.create(name="Taken", specifications=[title_condition("x")])

    response = admin_client.post(
        NEW,
        {
            "name": "Taken",
            "action": "save",
            "spec-0-implementation": "ReleaseTitleSpecification",
            "spec-0-name": "t",
            "spec-0-value": "y",
        },
    )

    assert response.status_code == 400 and "Must be unique." in response.content.decode()


def test_editing_shows_the_stored_conditions_and_saves_changes(admin_client):
    custom_format = CustomFormat.objects.create(name="Old", specifications=[title_condition(r"\bold\b")])
    url = f"/settings/customformats/{custom_format.pk}"

    shown = admin_client.get(url).content.decode()
    response = admin_client.post(
        url,
        {
            "name": "New",
            "action": "save",
            "spec-0-implementation": "ReleaseTitleSpecification",
            "spec-0-name": "Title",
            "spec-0-value": r"\bnew\b",
            "spec-0-negate": "on",
        },
    )

    assert r'value="\bold\b"' in shown
    assert response.status_code == 302
    custom_format.refresh_from_db()
    assert custom_format.name == "New" and custom_format.specifications[0]["negate"] is True


def test_delete_asks_first_and_then_removes_the_format(admin_client):
    custom_format = CustomFormat.objects.create(name="Doomed", specifications=[title_condition("x")])
    url = f"/settings/customformats/{custom_format.pk}/delete"

    confirmation = admin_client.get(url)
    response = admin_client.post(url)

    assert "Delete Doomed?" in confirmation.content.decode() and CustomFormat.objects.count() == 0
    assert response.status_code == 302


def test_import_creates_a_format_from_trash_style_json(admin_client):
    text = (FIXTURES / "hdr-export.json").read_text()

    response = admin_client.post("/settings/customformats/import", {"json": text})

    assert response.status_code == 302
    imported = CustomFormat.objects.get(name="HDR (own fixture)")
    assert imported.specifications[2]["fields"] == {"value": 1, "exceptLanguage": True}


def test_import_with_an_existing_name_updates_that_format(admin_client):
    existing = CustomFormat.objects.create(name="HDR (own fixture)", specifications=[title_condition("x")])

    admin_client.post("/settings/customformats/import", {"json": (FIXTURES / "hdr-export.json").read_text()})

    existing.refresh_from_db()
    assert CustomFormat.objects.count() == 1 and len(existing.specifications) == 4


def test_import_of_broken_json_explains_the_problem(admin_client):
    response = admin_client.post("/settings/customformats/import", {"json": '{"name": '})

    assert response.status_code == 400 and "This is not valid JSON" in response.content.decode()


def test_import_of_an_invalid_format_saves_nothing_and_says_why(admin_client):
    broken = [json.loads((FIXTURES / "hdr-export.json").read_text()), {"name": "Bad", "specifications": []}]

    response = admin_client.post("/settings/customformats/import", {"json": json.dumps(broken)})

    assert response.status_code == 400 and "Must contain at least one Condition" in response.content.decode()
    assert not CustomFormat.objects.exists()


def test_export_writes_radarrs_format_with_fields_as_an_object(admin_client):
    custom_format = CustomFormat.objects.create(
        name="x265", include_custom_format_when_renaming=True, specifications=[title_condition("x265")]
    )

    response = admin_client.get(f"/settings/customformats/{custom_format.pk}/export?download=1")

    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == {
        "name": "x265",
        "includeCustomFormatWhenRenaming": True,
        "specifications": [title_condition("x265")],
    }


def test_an_export_imports_back_unchanged(admin_client):
    admin_client.post("/settings/customformats/import", {"json": (FIXTURES / "hdr-export.json").read_text()})
    original = CustomFormat.objects.get()
    exported = admin_client.get(f"/settings/customformats/{original.pk}/export?download=1").content
    original.delete()

    admin_client.post("/settings/customformats/import", {"json": exported.decode()})

    assert CustomFormat.objects.get().specifications == original.specifications
