"""A movie file ffprobe could not read remembers its size and mtime, so scans do not probe it again until
the file changes (imports.rescan.refresh_media_infos)."""

from django.db import migrations, models

from movies.cachetriggers import DropResourceCacheTriggers, InstallResourceCacheTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("movies", "0012_provider_needs_password"),
    ]

    operations = [
        DropResourceCacheTriggers(),  # SQLite cannot rebuild movies_moviefile while triggers read it
        migrations.AddField(
            model_name="moviefile",
            name="unreadable_stamp",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        InstallResourceCacheTriggers(),
    ]
