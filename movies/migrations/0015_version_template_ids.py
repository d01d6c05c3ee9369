"""Collections and import lists name the version templates their movies get (ours)."""


from django.db import migrations, models

from movies.cachetriggers import DropResourceCacheTriggers, InstallResourceCacheTriggers


class Migration(migrations.Migration):

    dependencies = [
        ('movies', '0014_versions'),
    ]

    operations = [
        DropResourceCacheTriggers(),  # SQLite may rebuild movies_collection, which a trigger is on
        migrations.AddField(
            model_name='collection',
            name='version_template_ids',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='importlist',
            name='version_template_ids',
            field=models.JSONField(blank=True, default=list),
        ),
        InstallResourceCacheTriggers(),
]
