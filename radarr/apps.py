from django.apps import AppConfig


class RadarrConfig(AppConfig):
    name = "radarr"
    verbose_name = "Radarr core"
