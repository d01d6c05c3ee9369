"""First-start setup run by `make run` after migrating: the first login and the task schedules."""

from django.conf import settings
from django.core.management.base import BaseCommand

from radarr.accounts import create_initial_admin
from radarr.jobs import sync_schedules


class Command(BaseCommand):
    help = "Create the first administrator (printed once) and keep the task schedules in step with JOBS."

    def handle(self, *args: object, **options: object) -> None:
        sync_schedules()
        login = create_initial_admin()
        if login is None:
            return
        user, password = login
        banner = "=" * 64
        self.stdout.write(
            f"\n{banner}\n First start: log in at http://{settings.RADARR_BIND}:{settings.RADARR_PORT}"
            f"{settings.URL_BASE}/\n user:     {user}\n password: {password}\n"
            f" (also shown under Settings → General until you change it)\n{banner}\n"
        )
