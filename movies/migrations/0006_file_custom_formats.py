"""Movie files keep the custom formats they match (movies.fileformats), and cached movie JSON follows
what their score and cutoff read: format scores, format names, the availability delay, reputations.

Existing files start with an empty stamp: the RefreshFileCustomFormats job matches them.
"""

from django.db import migrations, models

from movies.cachetriggers import DropResourceCacheTriggers, InstallResourceCacheTriggers


class Migration(migrations.Migration):

    dependencies = [
        ("movies", "0005_resource_cache_versions"),
        ("indexers", "0002_backlog_search"),
        ("releases", "0004_add_scene_group_points"),
        ("scenegroups", "0001_initial"),
    ]

    operations = [
        DropResourceCacheTriggers(),  # SQLite cannot rebuild movies_moviefile while triggers read it
        migrations.AddField(
            model_name="moviefile",
            name="custom_format_ids",
            field=models.JSONField(default=list),
        ),
        migrations.AddField(
            model_name="moviefile",
            name="custom_formats_stamp",
            field=models.CharField(blank=True, default="", max_length=16),
        ),
        InstallResourceCacheTriggers(),
    ]
