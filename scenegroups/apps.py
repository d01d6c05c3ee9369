from django.apps import AppConfig


class ScenegroupsConfig(AppConfig):
    name = "scenegroups"
    verbose_name = "Scene groups"
