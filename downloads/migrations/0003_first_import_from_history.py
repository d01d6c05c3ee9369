"""A movie's first import (movies 0007) taken back to its oldest import in history: files replaced by
upgrades are gone, their import events are not. Only ever moves the date earlier."""

from django.db import migrations
from django.db.models import Min, OuterRef, Subquery

IMPORTED = (3, 7)  # HistoryEventType.DOWNLOAD_FOLDER_IMPORTED, MOVIE_FOLDER_IMPORTED


def from_history(apps, schema_editor):
    Movie = apps.get_model("movies", "Movie")
    History = apps.get_model("downloads", "History")
    oldest = (
        History.objects.filter(movie_id=OuterRef("pk"), event_type__in=IMPORTED)
        .order_by()
        .values("movie_id")
        .annotate(first=Min("date"))
        .values("first")
    )
    Movie.objects.filter(has_file=True, first_imported__isnull=True).update(first_imported=Subquery(oldest))
    Movie.objects.filter(first_imported__gt=Subquery(oldest)).update(first_imported=Subquery(oldest))


class Migration(migrations.Migration):
    dependencies = [
        ("downloads", "0002_activity"),
        ("movies", "0007_movie_first_imported"),
    ]

    operations = [migrations.RunPython(from_history, migrations.RunPython.noop)]
