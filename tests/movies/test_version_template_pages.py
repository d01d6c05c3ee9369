"""Settings → Versions: version templates are listed, added, edited and deleted from the UI; a bad form
comes back with every value as typed and each failure under its field."""

import pytest

from movies.models import MovieVersion, VersionTemplate
from movies.versions import add_version
from releases.models import QualityProfile
from tests.movies.factories import MovieFactory, RootFolderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def profile():
    return QualityProfile.objects.order_by("pk").last()


def form(profile, **changes):
    return {
        "name": "4K",
        "quality_profile": profile.pk,
        "root_folder_path": "",
        "minimum_availability": "released",
        "monitored": "on",
        "edition": "",
        "url_base": "",
        "api_key": "",
    } | changes


def test_a_template_is_added_with_its_root_folder_edition_and_url_base(admin_client, profile, tmp_path):
    root = tmp_path / "movies-4k"
    root.mkdir()
    RootFolderFactory(path=str(root))

    response = admin_client.post(
        "/settings/versions/new",
        form(profile, root_folder_path=f"{root}/", edition="Director's Cut", url_base="4k"),
        follow=True,
    )

    template = VersionTemplate.objects.get()
    assert (template.name, template.root_folder_path, template.edition, template.url_base) == (
        "4K",
        str(root),
        "Director's Cut",
        "4k",
    )
    assert template.quality_profile == profile and template.monitored
    body = response.content.decode()
    assert "Saved version template 4K." in body and "/4k" in body and profile.name in body


def test_a_bad_form_shows_every_failure_and_keeps_what_was_typed(admin_client, profile):
    VersionTemplate.objects.create(name="4K", quality_profile=profile)

    response = admin_client.post(
        "/settings/versions/new",
        form(profile, name="4k", root_folder_path="/nowhere/uhd", url_base="settings", edition="IMAX"),
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "A version template called &#x27;4k&#x27; exists already" in body
    assert "Root folder &#x27;/nowhere/uhd&#x27; does not exist" in body
    assert "&#x27;/settings&#x27; is already a path of this server" in body
    assert 'value="/nowhere/uhd"' in body and 'value="IMAX"' in body and 'value="settings"' in body
    assert VersionTemplate.objects.count() == 1


def test_primary_and_a_malformed_api_key_are_refused(admin_client, profile):
    response = admin_client.post("/settings/versions/new", form(profile, name="primary", api_key="short!"))

    body = response.content.decode()
    assert (
        "names each movie&#x27;s own version" in body
        and "&#x27;API Key&#x27; must be 20 to 64 letters" in body
    )
    assert not VersionTemplate.objects.exists()


def test_the_list_shows_each_template_and_how_many_movies_use_it(admin_client, profile):
    template = VersionTemplate.objects.create(name="Extended", quality_profile=profile, edition="Extended")
    VersionTemplate.objects.create(name="Unused", quality_profile=profile)
    for movie in MovieFactory.create_batch(2):
        add_version(movie, {"name": "Extended", "quality_profile_id": profile.pk,
                            "minimum_availability": "released"}, template=template)  # fmt: skip

    body = admin_client.get("/settings/versions").content.decode()

    row = body.split(f'id="version-template-{template.pk}"')[1].split("</tr>")[0]
    assert "Extended" in row and "<td>2</td>" in row
    assert "Unused" in body


def test_editing_a_template_changes_it_and_leaves_its_versions_alone(admin_client, profile):
    other = QualityProfile.objects.order_by("pk").first()
    template = VersionTemplate.objects.create(name="4K", quality_profile=profile)
    movie = MovieFactory()
    row = add_version(movie, {"name": "4K", "quality_profile_id": profile.pk,
                              "minimum_availability": "released"}, template=template)  # fmt: skip
    page = admin_client.get(f"/settings/versions/{template.pk}").content.decode()
    assert 'value="4K"' in page

    admin_client.post(f"/settings/versions/{template.pk}", form(other, name="UHD", monitored=""))

    template.refresh_from_db()
    row.refresh_from_db()
    assert (template.name, template.quality_profile, template.monitored) == ("UHD", other, False)
    assert (row.name, row.quality_profile) == ("4K", profile)


def test_deleting_a_template_keeps_the_versions_made_from_it(admin_client, profile):
    template = VersionTemplate.objects.create(name="4K", quality_profile=profile)
    add_version(MovieFactory(), {"name": "4K", "quality_profile_id": profile.pk,
                                 "minimum_availability": "released"}, template=template)  # fmt: skip
    assert (
        "1 movie has a version"
        in admin_client.get(f"/settings/versions/{template.pk}/delete").content.decode()
    )

    response = admin_client.post(f"/settings/versions/{template.pk}/delete", follow=True)

    assert not VersionTemplate.objects.exists()
    assert MovieVersion.objects.get().template is None
    assert "The version made from it stays with its files." in response.content.decode()


def test_the_settings_page_links_to_versions(admin_client):
    assert "/settings/versions" in admin_client.get("/settings").content.decode()


def test_a_saved_api_key_shows_masked_and_is_kept_when_the_mask_comes_back(admin_client, profile):
    key = "a" * 32
    template = VersionTemplate.objects.create(name="4K", quality_profile=profile, url_base="4k", api_key=key)

    page = admin_client.get(f"/settings/versions/{template.pk}").content.decode()
    admin_client.post(f"/settings/versions/{template.pk}", form(profile, url_base="4k", api_key="********"))

    assert key not in page and 'value="********"' in page
    template.refresh_from_db()
    assert template.api_key == key
