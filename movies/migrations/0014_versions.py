"""Extra versions of a movie (MovieVersion, VersionTemplate) and the version a file belongs to; existing
libraries keep one version per movie, the movie row itself, and no file is touched."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

from movies.cachetriggers import DropResourceCacheTriggers, InstallResourceCacheTriggers


class Migration(migrations.Migration):
    dependencies = [
        ("movies", "0013_moviefile_unreadable_stamp"),
        ("releases", "0005_profile_upgrade_stops"),
    ]

    operations = [
        DropResourceCacheTriggers(),  # SQLite cannot rebuild movies_moviefile while triggers read it
        migrations.CreateModel(
            name="VersionTemplate",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True)),
                ("url_base", models.SlugField(blank=True)),
                ("root_folder_path", models.CharField(blank=True, max_length=1000)),
                (
                    "minimum_availability",
                    models.CharField(
                        choices=[
                            ("announced", "Announced"),
                            ("inCinemas", "In Cinemas"),
                            ("released", "Released"),
                        ],
                        default="released",
                        max_length=20,
                    ),
                ),
                ("monitored", models.BooleanField(default=True)),
                ("edition", models.CharField(blank=True, max_length=200)),
                ("api_key", models.CharField(blank=True, max_length=64)),
            ],
            options={
                "ordering": ["name"],
            },
        ),
        migrations.CreateModel(
            name="MovieVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100)),
                ("root_folder_path", models.CharField(blank=True, max_length=1000)),
                ("path", models.CharField(blank=True, max_length=1000)),
                ("monitored", models.BooleanField(default=True)),
                (
                    "minimum_availability",
                    models.CharField(
                        choices=[
                            ("announced", "Announced"),
                            ("inCinemas", "In Cinemas"),
                            ("released", "Released"),
                        ],
                        default="released",
                        max_length=20,
                    ),
                ),
                ("edition", models.CharField(blank=True, max_length=200)),
                ("added", models.DateTimeField(default=django.utils.timezone.now)),
                ("last_search_time", models.DateTimeField(blank=True, null=True)),
                ("has_file", models.BooleanField(default=False)),
                ("size_on_disk", models.BigIntegerField(default=0)),
                ("first_imported", models.DateTimeField(blank=True, null=True)),
                (
                    "movie",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="versions",
                        to="movies.movie",
                    ),
                ),
                (
                    "quality_profile",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="movie_versions",
                        to="releases.qualityprofile",
                    ),
                ),
            ],
            options={
                "ordering": ["movie_id", "name"],
            },
        ),
        migrations.AddField(
            model_name="moviefile",
            name="version",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="files",
                to="movies.movieversion",
            ),
        ),
        migrations.AddConstraint(
            model_name="moviefile",
            constraint=models.UniqueConstraint(
                condition=models.Q(("version__isnull", False)),
                fields=("version",),
                name="one_file_per_version",
            ),
        ),
        migrations.AddConstraint(
            model_name="moviefile",
            constraint=models.CheckConstraint(
                condition=models.Q(("version__isnull", True), ("is_primary", False), _connector="OR"),
                name="version_file_not_primary",
            ),
        ),
        migrations.AddField(
            model_name="versiontemplate",
            name="quality_profile",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT, related_name="+", to="releases.qualityprofile"
            ),
        ),
        migrations.AddField(
            model_name="movieversion",
            name="template",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="versions",
                to="movies.versiontemplate",
            ),
        ),
        migrations.AddConstraint(
            model_name="versiontemplate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("url_base", ""), _negated=True),
                fields=("url_base",),
                name="version_template_url_base_unique",
            ),
        ),
        migrations.AddConstraint(
            model_name="movieversion",
            constraint=models.UniqueConstraint(fields=("movie", "name"), name="movie_version_name_unique"),
        ),
        migrations.AddConstraint(
            model_name="movieversion",
            constraint=models.UniqueConstraint(
                condition=models.Q(("template__isnull", False)),
                fields=("movie", "template"),
                name="movie_version_template_unique",
            ),
        ),
        InstallResourceCacheTriggers(),  # and the movies_movieversion ones, new here
    ]
