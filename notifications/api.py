"""v3 notifications (Connect): `/notification` CRUD, schema, test, testall and bulk, the shared
provider views (`radarr.api.providers`)."""

from notifications.editing import NOTIFICATIONS
from radarr.api.providers import provider_api_urls

api_v3 = provider_api_urls(NOTIFICATIONS, "notification")
