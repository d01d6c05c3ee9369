"""Movies remember when their first file came: a quality profile's upgrade window counts from it.

Existing movies start from their oldest file still on disk (files replaced by upgrades are gone).
A nullable column needs no table rebuild on SQLite, so the resource-cache triggers stay.
"""

from django.db import migrations, models
from django.db.models import Min, OuterRef, Subquery


def from_files(apps, schema_editor):
    Movie = apps.get_model("movies", "Movie")
    MovieFile = apps.get_model("movies", "MovieFile")
    oldest = (
        MovieFile.objects.filter(movie_id=OuterRef("pk"))
        .order_by()
        .values("movie_id")
        .annotate(first=Min("date_added"))
        .values("first")
    )
    Movie.objects.filter(has_file=True).update(first_imported=Subquery(oldest))


class Migration(migrations.Migration):
    dependencies = [
        ("movies", "0006_file_custom_formats"),
    ]

    operations = [
        migrations.AddField(
            model_name="movie",
            name="first_imported",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(from_files, migrations.RunPython.noop),
    ]
