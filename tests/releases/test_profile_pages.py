from typing import Any

import pytest

from releases.defaults import profile_items
from releases.models import (
    CustomFormat,
    DelayProfile,
    ProfileFormatScore,
    QualityDefinition,
    QualityProfile,
    ReleaseProfile,
)
from releases.profiles import DEFAULT_DELAY_ORDER, ensure_default_delay_profile
from releases.qualities import QUALITIES_BY_NAME, UNKNOWN
from tests.factories import TagFactory
from tests.movies.factories import MovieFactory

pytestmark = pytest.mark.django_db


def key(item: dict[str, Any]) -> str:
    return f"g{item['id']}" if "qualities" in item else f"q{item['quality']}"


def editor_post(items: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """What the editor posts: rows highest first, allowed boxes, group names and members."""
    shown = list(reversed(items))
    data: dict[str, Any] = {
        "name": "Editor",
        "cutoff": "7",
        "language": "1",
        "min_format_score": "0",
        "cutoff_format_score": "0",
        "min_upgrade_format_score": "1",
        "item": [key(item) for item in shown],
        "allowed": [key(item) for item in shown if item["allowed"]],
    }
    for item in shown:
        if "qualities" in item:
            data[f"name_{key(item)}"] = item["name"]
            data[f"members_{key(item)}"] = ",".join(str(quality) for quality in item["qualities"])
    return data | fields


def blank_items(*allowed: str) -> list[dict[str, Any]]:
    return profile_items([QUALITIES_BY_NAME[name] for name in allowed], UNKNOWN)[0]


# ---- quality definitions


def test_quality_page_shows_a_row_per_quality(admin_client):
    response = admin_client.get("/settings/quality")

    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('<tr id="definition-') == 30 and "Remux-2160p" in body


def quality_post(**changes: str) -> dict[str, str]:
    data = {}
    for definition in QualityDefinition.objects.all():
        prefix = f"d{definition.pk}-"
        data[prefix + "title"] = definition.title
        data[prefix + "min_size"] = str(definition.min_size)
        data[prefix + "preferred_size"] = (
            "" if definition.preferred_size is None else str(definition.preferred_size)
        )
        data[prefix + "max_size"] = "" if definition.max_size is None else str(definition.max_size)
    return data | changes


def test_quality_page_saves_sizes_and_titles(admin_client):
    dvd = QualityDefinition.objects.get(quality_id=QUALITIES_BY_NAME["DVD"].id)
    changes = {f"d{dvd.pk}-min_size": "2.5", f"d{dvd.pk}-max_size": "", f"d{dvd.pk}-title": "DVD rip"}

    response = admin_client.post("/settings/quality", quality_post(**changes))

    assert response.status_code == 302
    dvd.refresh_from_db()
    assert (dvd.title, dvd.min_size, dvd.max_size) == ("DVD rip", 2.5, None)


def test_quality_page_shows_the_rule_a_row_breaks_and_saves_nothing(admin_client):
    dvd = QualityDefinition.objects.get(quality_id=QUALITIES_BY_NAME["DVD"].id)

    response = admin_client.post("/settings/quality", quality_post(**{f"d{dvd.pk}-min_size": "99"}))

    assert response.status_code == 400
    assert "Must not be more than the preferred size" in response.content.decode()
    dvd.refresh_from_db()
    assert dvd.min_size == 0


# ---- quality profiles


def test_profiles_page_lists_every_profile_with_its_cutoff(admin_client):
    response = admin_client.get("/settings/profiles")

    body = response.content.decode()
    assert "HD-1080p" in body and "Ultra-HD" in body and "Upgrade until Bluray-1080p" in body


def test_new_profile_editor_shows_every_quality_highest_first(admin_client):
    response = admin_client.get("/settings/profiles/new")

    body = response.content.decode()
    assert body.count('name="item"') == 26
    assert body.index('value="q10"') < body.index('value="q0"')  # Raw-HD above Unknown


def test_editor_creates_a_profile_from_the_posted_order(admin_client):
    hdr = CustomFormat.objects.create(name="HDR")
    items = blank_items("Bluray-1080p", "Remux-1080p")

    response = admin_client.post("/settings/profiles/new", editor_post(items, **{f"score_{hdr.pk}": "150"}))

    assert response.status_code == 302
    profile = QualityProfile.objects.get(name="Editor")
    assert profile.items == items and profile.allowed_quality_ids() == {7, 30} and profile.cutoff == 7
    assert ProfileFormatScore.objects.get(profile=profile, custom_format=hdr).score == 150


def test_editor_saves_a_dragged_order(admin_client):
    hd = QualityProfile.objects.get(name="HD-1080p")
    items = list(hd.items)
    items[-1], items[-2] = items[-2], items[-1]  # Raw-HD and BR-DISK swap places

    admin_client.post(f"/settings/profiles/{hd.pk}", editor_post(items, name="HD-1080p"))

    hd.refresh_from_db()
    assert [item.get("quality") for item in hd.items[-2:]] == [10, 22]


def test_editor_shows_validation_errors_and_saves_nothing(admin_client):
    items = blank_items("Bluray-1080p")

    response = admin_client.post("/settings/profiles/new", editor_post(items, name="", cutoff="31"))

    body = response.content.decode()
    assert response.status_code == 400
    assert "&#x27;Name&#x27; must not be empty." in body
    assert "Cutoff must be an allowed quality or group" in body
    assert not QualityProfile.objects.filter(name="").exists()


def test_editor_shows_the_cutoff_choices_only_for_allowed_items(admin_client):
    hd = QualityProfile.objects.get(name="HD-1080p")

    body = admin_client.get(f"/settings/profiles/{hd.pk}").content.decode()

    assert '<option value="7" data-key="q7" selected>' in body
    assert '<option value="31" data-key="q31" hidden disabled>' in body


def test_move_up_reorders_without_saving(admin_client):
    items = blank_items("Bluray-1080p")

    response = admin_client.post("/settings/profiles/new", editor_post(items, action="up:q30"))

    body = response.content.decode()
    assert response.status_code == 200 and not QualityProfile.objects.filter(name="Editor").exists()
    assert body.index('name="item" value="q30"') < body.index('name="item" value="q16"')  # above HDTV-2160p


def test_group_selected_renders_one_new_group_in_place_of_the_selection(admin_client):
    items = blank_items("Bluray-1080p")
    post = editor_post(items, action="group", select=["q7", "q30"], group_name="Disc 1080p")

    body = admin_client.post("/settings/profiles/new", post).content.decode()

    assert 'name="name_g1004" value="Disc 1080p"' in body  # Radarr's four WEB groups hold 1000-1003
    assert 'name="members_g1004" value="7,30"' in body
    assert 'name="item" value="q7"' not in body and 'name="item" value="q30"' not in body
    assert body.index('value="g1004"') < body.index('name="item" value="q9"')  # where Remux-1080p stood


def test_a_posted_group_is_saved_with_its_members_and_can_be_the_cutoff(admin_client):
    items = blank_items("Bluray-1080p")
    group_id = 1004
    post = editor_post(items, cutoff=str(group_id))
    post["item"] = [k for k in post["item"] if k not in ("q7", "q30")]
    post["item"].insert(post["item"].index("q9"), f"g{group_id}")  # where Remux-1080p stood
    post |= {f"name_g{group_id}": "Disc 1080p", f"members_g{group_id}": "30,7", "allowed": [f"g{group_id}"]}
    response = admin_client.post("/settings/profiles/new", post)

    assert response.status_code == 302
    profile = QualityProfile.objects.get(name="Editor")
    assert profile.item_for(7) == {
        "id": group_id,
        "name": "Disc 1080p",
        "allowed": True,
        "qualities": [30, 7],
    }


def test_ungroup_splits_a_group_into_its_qualities(admin_client):
    hd = QualityProfile.objects.get(name="HD-1080p")
    web = next(item for item in hd.items if item.get("name") == "WEB 1080p")

    body = admin_client.post(
        f"/settings/profiles/{hd.pk}", editor_post(hd.items, action=f"ungroup:g{web['id']}")
    ).content.decode()

    assert f'value="g{web["id"]}"' not in body
    assert 'name="item" value="q3"' in body and 'name="item" value="q15"' in body


def test_delete_asks_first_then_deletes(admin_client):
    sd = QualityProfile.objects.get(name="SD")

    confirm = admin_client.get(f"/settings/profiles/{sd.pk}/delete")
    response = admin_client.post(f"/settings/profiles/{sd.pk}/delete")

    assert "Delete the quality profile &#x27;SD&#x27;?" in confirm.content.decode()
    assert response.status_code == 302 and not QualityProfile.objects.filter(pk=sd.pk).exists()


def test_deleting_a_profile_in_use_shows_why(admin_client):
    sd = QualityProfile.objects.get(name="SD")
    MovieFactory(quality_profile=sd)

    response = admin_client.post(f"/settings/profiles/{sd.pk}/delete", follow=True)

    assert "is in use by 1 movie" in response.content.decode()
    assert QualityProfile.objects.filter(pk=sd.pk).exists()


def test_profile_pages_need_a_login(client):
    response = client.get("/settings/profiles")

    assert response.status_code == 302 and "/login" in response["Location"]


# ---- delay profiles


def test_delay_profiles_page_shows_the_default_profile(admin_client):
    response = admin_client.get("/settings/delayprofiles")

    assert "default: every movie" in response.content.decode()
    assert DelayProfile.objects.filter(order=DEFAULT_DELAY_ORDER).count() == 1


def delay_post(**changes: Any) -> dict[str, Any]:
    data = {
        "enable_usenet": "on",
        "enable_torrent": "on",
        "preferred_protocol": "torrent",
        "usenet_delay": "30",
        "torrent_delay": "60",
        "minimum_custom_format_score": "0",
    }
    return data | changes


def test_delay_profile_is_created_from_the_form(admin_client):
    tag = TagFactory()

    response = admin_client.post("/settings/delayprofiles/new", delay_post(tags=[tag.pk]))

    assert response.status_code == 302
    profile = DelayProfile.objects.get(order=1)
    assert profile.torrent_delay == 60 and list(profile.tags.all()) == [tag]


def test_delay_profile_form_shows_the_missing_tags_error(admin_client):
    response = admin_client.post("/settings/delayprofiles/new", delay_post())

    assert response.status_code == 400
    assert "&#x27;Tags&#x27; must not be empty." in response.content.decode()


def test_delay_profile_moves_up_with_its_button(admin_client):
    for _ in range(2):
        admin_client.post("/settings/delayprofiles/new", delay_post(tags=[TagFactory().pk]))
    a, b = DelayProfile.objects.exclude(order=DEFAULT_DELAY_ORDER).order_by("order")

    admin_client.post(f"/settings/delayprofiles/{b.pk}/move", {"direction": "up"})

    orders = dict(DelayProfile.objects.values_list("pk", "order"))
    assert (orders[b.pk], orders[a.pk]) == (1, 2)


def test_delay_profile_moves_down_past_the_next_one_only(admin_client):
    for _ in range(3):
        admin_client.post("/settings/delayprofiles/new", delay_post(tags=[TagFactory().pk]))
    a, b, c = DelayProfile.objects.exclude(order=DEFAULT_DELAY_ORDER).order_by("order")

    admin_client.post(f"/settings/delayprofiles/{a.pk}/move", {"direction": "down"})

    ordered = list(DelayProfile.objects.order_by("order").values_list("pk", flat=True))
    assert ordered == [b.pk, a.pk, c.pk, ensure_default_delay_profile().pk]


def test_the_default_delay_profile_offers_no_tags_and_no_delete(admin_client):
    default = ensure_default_delay_profile()

    edit = admin_client.get(f"/settings/delayprofiles/{default.pk}").content.decode()
    delete = admin_client.post(f"/settings/delayprofiles/{default.pk}/delete", follow=True).content.decode()

    assert 'name="tags"' not in edit
    assert "Cannot delete global delay profile" in delete


# ---- release profiles


def test_release_profile_is_created_with_one_term_per_line(admin_client):
    response = admin_client.post(
        "/settings/releaseprofiles/new",
        {
            "name": "Clean",
            "enabled": "on",
            "required": "",
            "ignored": "x265\n/\\bHEVC\\b/i, 3D",
            "indexer_id": "0",
        },
    )

    assert response.status_code == 302
    assert ReleaseProfile.objects.get(name="Clean").ignored == ["x265", "/\\bHEVC\\b/i", "3D"]


def test_release_profile_form_shows_a_bad_regex(admin_client):
    response = admin_client.post(
        "/settings/releaseprofiles/new", {"name": "Bad", "ignored": "/(x/", "indexer_id": "0"}
    )

    assert response.status_code == 400
    assert "Invalid regular expression /(x/" in response.content.decode()


def test_release_profiles_page_lists_terms(admin_client):
    ReleaseProfile.objects.create(name="Clean", required=["1080p"], ignored=["CAM"])

    body = admin_client.get("/settings/releaseprofiles").content.decode()

    assert "<code>1080p</code>" in body and "<code>CAM</code>" in body
