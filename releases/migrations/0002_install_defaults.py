"""Radarr's first-run data: the 30 quality definitions and the six default quality profiles."""

from django.db import migrations

from releases.defaults import DEFAULT_PROFILES, default_definitions, profile_items


def install(apps, schema_editor):
    definitions = apps.get_model("releases", "QualityDefinition")
    profiles = apps.get_model("releases", "QualityProfile")
    if not definitions.objects.exists():
        definitions.objects.bulk_create(definitions(**values) for values in default_definitions())
    if not profiles.objects.exists():
        for name, cutoff, allowed in DEFAULT_PROFILES:
            items, cutoff_id = profile_items(allowed, cutoff)
            profiles.objects.create(name=name, cutoff=cutoff_id, items=items, language_id=1)


class Migration(migrations.Migration):
    dependencies = [("releases", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
