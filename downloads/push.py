"""POST /api/v3/release/push: a release announced by autobrr, Prowlarr or a script.

As Radarr's ReleasePushController: the title, protocol, publish date and a download or magnet link
are required; the guid becomes `PUSH-<link>`; the indexer is found by name (or id); the release is
decided as an RSS release against the library (for each version of the movie it matches) and grabbed
at once for the best version it is approved for. Pushes are handled one at a time (autobrr can
announce the same release from several IRC channels within a second).
"""

import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from downloads.deciding import Processed, decision_context, process_decisions, version_facts_for
from downloads.models import DownloadClient
from indexers.evidence import record_batch
from indexers.matching import LibraryIndex
from indexers.models import Indexer
from radarr.api.errors import Failure, ValidationFailed
from releases.decisions.engine import Decision, decide_parsed
from releases.parser import parse_movie_title, parse_movie_title_without_year
from releases.releaseinfo import ReleaseInfo

_push_lock = threading.Lock()
# Radarr's DownloadProtocol enum, which clients may send as a number
_PROTOCOLS = {"usenet": "usenet", "torrent": "torrent", "1": "usenet", "2": "torrent"}


@dataclass(frozen=True, slots=True)
class PushedRelease:
    release: ReleaseInfo
    download_client_id: int = 0


def _text(body: dict[str, Any], key: str) -> str:
    value = body.get(key)
    return str(value).strip() if value is not None else ""


def _number(body: dict[str, Any], key: str) -> int:
    value = body.get(key)
    if isinstance(value, bool) or value in (None, ""):
        return 0
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


def _publish_date(raw: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _indexer(body: dict[str, Any]) -> tuple[int, str, int]:
    """(id, name, priority) of the configured indexer the push names, by name first, then id."""
    name, indexer_id = _text(body, "indexer"), _number(body, "indexerId")
    found = None
    if name:
        found = Indexer.objects.filter(name__iexact=name).first()
    elif indexer_id:
        found = Indexer.objects.filter(pk=indexer_id).first()
    if found is None:
        return 0, name, 25
    return found.pk, found.name, found.priority


def _download_client_id(body: dict[str, Any]) -> int:
    client_id = _number(body, "downloadClientId")
    name = _text(body, "downloadClient")
    if not client_id and name:
        client = DownloadClient.objects.filter(name__iexact=name).first()
        client_id = client.pk if client else 0
    return client_id


def pushed_release(body: dict[str, Any]) -> PushedRelease:
    """Read a push body; what Radarr requires missing is a 400 in its validation shape."""
    title = _text(body, "title")
    download_url, magnet_url = _text(body, "downloadUrl"), _text(body, "magnetUrl")
    protocol = _PROTOCOLS.get(_text(body, "protocol").lower() or _text(body, "downloadProtocol").lower(), "")
    raw_date = _text(body, "publishDate")
    publish_date = _publish_date(raw_date) if raw_date else None
    failures = []
    if not title:
        failures.append(Failure("Title", "'Title' must not be empty.", title))
    if not download_url and not magnet_url:
        failures.append(Failure("DownloadUrl", "'Download Url' or 'Magnet Url' must not be empty.", ""))
    if not protocol:
        failures.append(Failure("Protocol", "'Protocol' must be usenet or torrent.", body.get("protocol")))
    if publish_date is None:
        failures.append(Failure("PublishDate", "'Publish Date' must be a date and time.", raw_date))
    if failures:
        raise ValidationFailed(failures)
    indexer_id, indexer_name, priority = _indexer(body)
    seeders, leechers = body.get("seeders"), body.get("leechers")
    release = ReleaseInfo(
        guid=f"PUSH-{download_url or magnet_url}",
        title=title,
        size=max(_number(body, "size"), 0),
        protocol=protocol,
        publish_date=publish_date,
        indexer_id=indexer_id,
        indexer=indexer_name,
        indexer_priority=priority,
        download_url=download_url,
        info_url=_text(body, "infoUrl"),
        magnet_url=magnet_url,
        info_hash=_text(body, "infoHash").lower(),
        seeders=seeders if isinstance(seeders, int) else None,
        leechers=leechers if isinstance(leechers, int) else None,
        indexer_flags=_number(body, "indexerFlags"),
        imdb_id=_text(body, "imdbId") if _text(body, "imdbId").startswith("tt") else "",
        tmdb_id=_number(body, "tmdbId"),
    )
    return PushedRelease(release, _download_client_id(body))


def push_release(pushed: PushedRelease, *, user_agent: str = "") -> tuple[Decision, Processed]:
    """Decide a pushed release as RSS does and grab it when approved; the decision answered is the
    one grabbed, else the primary version's (autobrr reads one).

    An unparseable title is a 400 (`Title: Unable to parse`), which autobrr shows as the rejection.
    """
    release = pushed.release
    parsed = parse_movie_title(release.title)
    # no year: pushed only when its clean title is that of one library movie (explained in the decision)
    without_year = parse_movie_title_without_year(release.title) if parsed is None else None
    if parsed is None and without_year is None:
        raise ValidationFailed([Failure("Title", "Unable to parse", release.title)])
    with _push_lock:
        library = LibraryIndex.for_release(release, parsed or without_year)  # type: ignore[arg-type]
        if parsed is None:
            found = library.match_without_year(release)
            if found is None:
                raise ValidationFailed([Failure("Title", "Unable to parse", release.title)])
            parsed, movie_id = found
        else:
            movie_id = library.match(release, parsed)
        context = decision_context([movie_id] if movie_id else [])
        versions = version_facts_for([movie_id], context).get(movie_id, []) if movie_id else []
        decisions = decide_parsed([(release, parsed, version) for version in versions or [None]], context)
        processed = process_decisions(
            decisions, context, user_agent=user_agent, download_client_id=pushed.download_client_id
        )
    decision = processed.grabbed[0] if processed.grabbed else _primary(decisions)
    record_batch([release], [decision], context, source="push")
    return decision, processed


def _primary(decisions: list[Decision]) -> Decision:
    return next(
        (d for d in decisions if d.candidate is None or d.candidate.movie.version_id is None), decisions[0]
    )
