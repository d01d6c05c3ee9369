"""Health notifications: new issues once, restored ones once; failing notifications are a health issue."""

import pytest

from notifications import events as ev
from notifications.health import health_changed, notification_status_check
from radarr.system.health import HealthIssue
from tests.notifications.helpers import make_notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    events = []
    monkeypatch.setattr("notifications.health.notify", events.append)
    return events


def test_a_new_issue_is_announced_once_and_its_end_once(sent):
    issue = HealthIssue("IndexerStatusCheck", "warning", "Indexers unavailable", "https://wiki")
    assert health_changed([issue]) == (1, 0)
    assert health_changed([issue]) == (0, 0)
    assert health_changed([]) == (0, 1)
    assert sent == [
        ev.HealthEvent("IndexerStatusCheck", "warning", "Indexers unavailable", "https://wiki"),
        ev.HealthRestoredEvent("IndexerStatusCheck", "warning", "Indexers unavailable", "https://wiki"),
    ]


def test_notices_are_not_announced(sent):
    assert health_changed([HealthIssue("X", "notice", "fyi")]) == (0, 0)
    assert sent == []


def test_failing_notifications_show_as_a_health_warning():
    assert notification_status_check() == []
    row = make_notification("Webhook", url="http://127.0.0.1:9/")
    row.escalation_level, row.last_error = 1, "HTTP 503"
    row.save()
    (issue,) = notification_status_check()
    assert issue.source == "NotificationStatusCheck"
    assert "Webhook (HTTP 503)" in issue.message
