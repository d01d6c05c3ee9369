"""Settings → Connect: list, add (pick a type), edit with greyed unsupported triggers, test, delete."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.notifications.helpers import make_notification

pytestmark = pytest.mark.django_db


def test_the_connect_page_lists_notifications_with_status(admin_client):
    row = make_notification("Webhook", url="http://x")
    row.escalation_level, row.last_error = 1, "HTTP 503"
    row.save()
    page = admin_client.get(reverse("notifications:list")).content.decode()
    assert "Webhook" in page and "HTTP 503" in page


def test_the_page_needs_a_login(client):
    assert client.get(reverse("notifications:list")).status_code == 302


def test_adding_starts_by_picking_a_type(admin_client):
    page = admin_client.get(reverse("notifications:new")).content.decode()
    assert "?implementation=Discord" in page and "?implementation=PlexServer" in page


def test_a_media_server_form_greys_out_grab(admin_client):
    page = admin_client.get(reverse("notifications:new") + "?implementation=PlexServer").content.decode()
    grab = page[page.index('name="on_grab"') - 200 : page.index('name="on_grab"') + 80]
    assert "unsupported" in grab and "disabled" in grab
    download = page[page.index('name="on_download"') : page.index('name="on_download"') + 80]
    assert "disabled" not in download
    assert '<input type="hidden" name="implementation" value="PlexServer">' in page


def test_saving_the_form_creates_the_notification_with_triggers_and_fields(admin_client):
    response = admin_client.post(
        reverse("notifications:new"),
        {
            "implementation": "Ntfy",
            "name": "Phone",
            "on_grab": "on",
            "field-serverUrl": "http://127.0.0.1:9",
            "field-topics": "movies, alerts",
            "field-priority": "4",
            "force": "on",  # "Save anyway": nothing listens there, so the test before saving fails
        },
    )
    assert response.status_code == 302
    row = Notification.objects.get()
    assert (row.name, row.on_grab, row.on_download) == ("Phone", True, False)
    assert row.settings["topics"] == ["movies", "alerts"]
    assert row.settings["priority"] == 4


def test_the_test_button_shows_the_failure(admin_client):
    response = admin_client.post(
        reverse("notifications:test"),
        {"implementation": "Webhook", "name": "x", "field-url": "http://127.0.0.1:9/hook"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "Unable to send test message" in page
    assert "<form" not in page  # only the result fragment


def test_delete_asks_then_removes(admin_client):
    row = make_notification("Webhook", url="http://x")
    assert admin_client.get(reverse("notifications:delete", args=[row.pk])).status_code == 200
    assert admin_client.post(reverse("notifications:delete", args=[row.pk])).status_code == 302
    assert not Notification.objects.exists()


def test_editing_shows_stored_values_with_secrets_masked_and_keeps_them_on_save(admin_client):
    row = make_notification(
        "Webhook", url="http://x/hook", password="hunter2", headers=[{"key": "X-A", "value": "1"}]
    )
    page = admin_client.get(reverse("notifications:edit", args=[row.pk])).content.decode()
    assert "X-A: 1" in page
    assert "hunter2" not in page and "http://x/hook" not in page  # a webhook URL holds its token
    assert page.count('value="********"') == 2
    response = admin_client.post(
        reverse("notifications:edit", args=[row.pk]),
        {
            "implementation": "Webhook",
            "name": "Hook",
            "on_grab": "on",
            "field-url": "********",
            "field-method": "2",
            "field-password": "********",
            "field-headers": "X-A: 1\nX-B: two",
            "force": "on",  # "Save anyway": http://x is no server
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.settings["password"] == "hunter2" and row.settings["url"] == "http://x/hook"
    assert row.settings["method"] == 2
    assert row.settings["headers"] == [{"key": "X-A", "value": "1"}, {"key": "X-B", "value": "two"}]


def test_a_multiple_choice_setting_shows_its_chosen_options(admin_client):
    row = make_notification("Discord", webHookUrl="http://x", grabFields=[3, 5])
    page = admin_client.get(reverse("notifications:edit", args=[row.pk])).content.decode()
    assert '<option value="3" selected>Quality</option>' in page
    assert '<option value="0" >Overview</option>' in page


def test_saving_tests_first_and_offers_to_save_anyway(admin_client):
    form = {
        "implementation": "Webhook",
        "name": "Hook",
        "on_grab": "on",
        "field-url": "http://127.0.0.1:9/hook",
    }

    refused = admin_client.post(reverse("notifications:new"), form)
    forced = admin_client.post(reverse("notifications:new"), {**form, "force": "on"})

    assert refused.status_code == 400 and "Save anyway" in refused.content.decode()
    assert forced.status_code == 302 and Notification.objects.get().name == "Hook"


@pytest.mark.parametrize(
    "implementation",
    [
        *(
            "Join",
            "MailGun",
            "Notifiarr",
            "Prowl",
            "PushBullet",
            "Pushcut",
            "Pushsafer",
            "SendGrid",
            "Signal",
        ),
        *("Simplepush", "Slack", "SynologyIndexer", "Trakt", "Twitter"),
    ],
)
def test_each_new_kind_has_a_form_with_its_fields(admin_client, implementation):
    from notifications.implementations import IMPLEMENTATIONS
    from radarr.providers import setting_fields

    page = admin_client.get(reverse("notifications:new") + f"?implementation={implementation}")

    assert page.status_code == 200
    text = page.content.decode()
    for field in setting_fields(IMPLEMENTATIONS[implementation].Settings):
        assert f'name="field-{field.name}"' in text
