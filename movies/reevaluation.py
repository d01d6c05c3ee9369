"""ReevaluateLibrary (ours): after a quality profile or a custom format changed, the library is weighed
again in the job worker, with its progress shown in System → Tasks.

Files are matched against the custom formats as they are now (movies.fileformats), every movie's file
is judged by the one cutoff rule (movies.cutoff), and the movie list's cached JSON (which holds each
file's score and `qualityCutoffNotMet`) is built again, so the next full list is a read again rather
than a rebuild of every movie a profile change marked stale.
"""

from movies.cutoff import cutoff_unmet_ids
from movies.fileformats import refresh_file_formats
from movies.models import Movie
from movies.resourcecache import library_json
from radarr.commands import report_progress


def reevaluate_library() -> str:
    matched = refresh_file_formats()
    report_progress("Judging every movie's file against its quality profile")
    with_files = Movie.objects.filter(has_file=True)
    unmet = len(cutoff_unmet_ids(with_files))
    report_progress("Building the movie list again")
    library_json()
    return f"{matched}; {unmet} of {with_files.count()} movie(s) with a file below their cutoff"
