"""The default delay profile (no tags, always last) exists from the first run, as in Radarr."""

from django.db import migrations

DEFAULT_ORDER = 2147483647


def install(apps, schema_editor):
    delay_profiles = apps.get_model("releases", "DelayProfile")
    if not delay_profiles.objects.filter(order=DEFAULT_ORDER).exists():
        delay_profiles.objects.create(order=DEFAULT_ORDER)


class Migration(migrations.Migration):
    dependencies = [("releases", "0002_install_defaults")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
