"""History and the blocklist, paged through and kept with their dates: grabs, imports, failures,
deletions and renames as the source recorded them. Matched by movie, event, date and title, so a second
run adds only what is new. Written in batches: 50,000 events are a hundred inserts.

History is committed page by page, each page its own short transaction, read from the source between
them: on SQLite the web and the job worker write in between rather than waiting out a 50,000-record
section. A run stopped on page N keeps pages 1 to N-1; the next run skips them by the same match."""

from typing import Any

from downloads.history import event_type_from, revision_dict
from downloads.models import Blocklist, History, Protocol
from imports.fromradarr.library import BATCH, parse_date
from imports.fromradarr.reader import RadarrReader
from imports.fromradarr.report import SectionReport
from imports.fromradarr.state import ImportState
from imports.resources import language_ids_from_resource, quality_from_resource
from releases.models import CustomFormat
from releases.qualities import Revision


def _release_columns(body: dict[str, Any], formats: dict[int, int], names: dict[int, str]) -> dict[str, Any]:
    """Quality, revision, languages and custom formats (named by our ids) of a history or blocklist body."""
    quality = quality_from_resource(body.get("quality"))
    custom = [
        {"id": formats[entry["id"]], "name": names.get(formats[entry["id"]], entry.get("name", ""))}
        for entry in body.get("customFormats") or []
        if isinstance(entry, dict) and entry.get("id") in formats
    ]
    return {
        "quality_id": quality.quality.id if quality else 0,
        "revision": revision_dict(quality.revision if quality else Revision()),
        "language_ids": language_ids_from_resource(body.get("languages")) or [],
        "custom_formats": custom,
    }


def _data(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        return {}
    return {str(key): str(item) for key, item in value.items() if item is not None}


def import_history(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    names = dict(CustomFormat.objects.values_list("pk", "name"))
    known = set(History.objects.values_list("movie_id", "event_type", "date", "source_title"))
    for number, page in enumerate(reader.pages("history", sortKey="date", sortDirection="ascending"), 1):
        rows: list[History] = []
        for body in page:
            report.found += 1
            row = _history_row(body, state, names, report)
            if row is None:
                continue
            key = (row.movie_id, row.event_type, row.date, row.source_title)
            if key in known:
                report.skip("already here")
                continue
            known.add(key)
            rows.append(row)
        with state.step():  # the page's own transaction: the write lock is held for this insert only
            History.objects.bulk_create(rows, batch_size=BATCH)
        report.imported += len(rows)
        report.kept_until = f"history page {number} ({report.found:,} records read)"
        state.progress(f"History: {report.found:,} records read, {report.imported:,} new")


def _history_row(
    body: dict[str, Any], state: ImportState, names: dict[int, str], report: SectionReport
) -> History | None:
    movie_id = state.movies.get(body.get("movieId"))
    if movie_id is None:
        report.skip("its movie was not imported")
        return None
    event_type = event_type_from(str(body.get("eventType") or ""))
    date = parse_date(body.get("date"))
    if event_type is None or date is None:
        report.skip("event or date not readable")
        return None
    score = body.get("customFormatScore")
    return History(
        movie_id=movie_id,
        event_type=event_type,
        date=date,
        source_title=str(body.get("sourceTitle") or "")[:1000],
        custom_format_score=score if isinstance(score, int) else 0,
        download_id=str(body.get("downloadId") or "")[:200],
        data=_data(body.get("data")),
        **_release_columns(body, state.custom_formats, names),
    )


def import_blocklist(reader: RadarrReader, state: ImportState, report: SectionReport) -> None:
    names = dict(CustomFormat.objects.values_list("pk", "name"))
    known = set(Blocklist.objects.values_list("movie_id", "date", "source_title"))
    rows: list[Blocklist] = []
    for page in reader.pages("blocklist", sortKey="date", sortDirection="ascending"):
        for body in page:
            report.found += 1
            movie_id = state.movies.get(body.get("movieId"))
            date = parse_date(body.get("date"))
            if movie_id is None or date is None:
                report.skip("its movie was not imported" if movie_id is None else "date not readable")
                continue
            source_title = str(body.get("sourceTitle") or "")[:1000]
            if (movie_id, date, source_title) in known:
                report.skip("already here")
                continue
            known.add((movie_id, date, source_title))
            protocol = str(body.get("protocol") or "").lower()
            rows.append(
                Blocklist(
                    movie_id=movie_id,
                    source_title=source_title,
                    date=date,
                    published_date=parse_date(body.get("publishedDate")),
                    size=body.get("size") if isinstance(body.get("size"), int) else 0,
                    protocol=protocol if protocol in Protocol.values else _guess_protocol(body),
                    indexer=str(body.get("indexer") or "")[:200],
                    message=str(body.get("message") or ""),
                    torrent_info_hash=str(body.get("torrentInfoHash") or "").upper()[:64],
                    **_release_columns(body, state.custom_formats, names),
                )
            )
    Blocklist.objects.bulk_create(rows, batch_size=BATCH)
    report.imported = len(rows)


def _guess_protocol(body: dict[str, Any]) -> str:
    """Radarr 3 wrote `unknown` for some old entries: a torrent hash says which it was."""
    return Protocol.TORRENT if body.get("torrentInfoHash") else Protocol.USENET
