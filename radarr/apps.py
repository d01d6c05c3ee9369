from django.apps import AppConfig
from django.core import checks


class RadarrConfig(AppConfig):
    name = "radarr"
    verbose_name = "Radarr core"

    def ready(self) -> None:
        from radarr.system.integrity import corrupt_database_system_check

        # `migrate` (make run's first step) runs database-tagged checks before it writes anything
        checks.register(corrupt_database_system_check, checks.Tags.database)
