"""Grabbing: the one function that sends a release to a download client (Radarr's DownloadService).

A grab claims the release in a short transaction that serialises grabs of the same movie (a row lock
on PostgreSQL, SQLite's immediate write lock), so a concurrent RSS sync and search cannot both send it:
the claim is the Grabbed history row, written before the client is called and removed if the client
fails. The slow parts (fetching the .torrent/.nzb, calling the client) run outside the transaction.

A grab is for one version of the movie (the decision's `MovieFacts.version_id`, None for the primary
one): the history row and the tracked download name it, and the duplicate checks are the version's,
except a torrent's info hash, which a client holds once whatever version asked for it.
"""

import dataclasses
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urljoin, urlsplit

import requests
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from downloads.clients import run_client
from downloads.events import grab_event
from downloads.history import ReleaseFacts, record_event, revision_dict
from downloads.models import DownloadClient, History, HistoryEventType, PendingRelease, TrackedDownload
from downloads.queueids import queue_id
from downloads.seeding import with_seed_goal
from downloads.selection import client_for
from downloads.torrentfiles import magnet_info_hash, torrent_info_hash
from indexers.evidence import note_outcome
from indexers.fetching import download_headers
from indexers.models import Indexer
from movies.models import Movie, MovieVersion
from notifications.events import notify
from radarr.http import session
from radarr.providers import ProviderError, safe_message
from releases.decisions.context import Candidate
from releases.decisions.engine import Decision
from releases.releaseinfo import ReleaseInfo
from scenegroups.models import OutcomeKind

logger = logging.getLogger(__name__)

# A second grab of the same movie this soon is another sync racing this one (interactive grabs excepted).
CONCURRENT_GRAB_WINDOW = timedelta(seconds=30)
# A claim whose client call never finished (the process died) stops blocking the release after this.
STALE_CLAIM = timedelta(minutes=10)
RECENT_DAYS = 21  # Radarr's "recent" priority: released in the last 21 days (cinemas: 120)
RECENT_CINEMA_DAYS = 120
MAX_REDIRECTS = 5


class GrabError(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Grab:
    download_id: str
    client_name: str
    history_id: int


def release_facts(candidate: Candidate) -> ReleaseFacts:
    """The quality, languages and custom formats a decision worked out, as history rows store them."""
    return ReleaseFacts(
        quality_id=candidate.quality.quality.id,
        revision=revision_dict(candidate.revision),
        language_ids=tuple(candidate.languages),
        custom_formats=tuple({"id": fid, "name": name} for fid, name in candidate.matched_formats),
        custom_format_score=candidate.format_score,
    )


def grab_release(
    decision: Decision, *, download_client_id: int = 0, user_agent: str = "", interactive: bool = False
) -> Grab:
    """Send the decision's release to a download client and record the grab; GrabError says why not."""
    candidate = decision.candidate
    if candidate is None:
        raise GrabError(f"{decision.release.title} is not matched to a movie: it cannot be grabbed")
    release = decision.release
    movie = Movie.objects.filter(pk=candidate.movie.id).first()
    if movie is None:
        raise GrabError(f"The movie of {release.title} is no longer in the library")
    version = _version(movie, candidate, release)
    _refuse_known_guid(movie.pk, version, release)
    client = _pick_client(release, candidate, download_client_id)
    release, payload = fetch_release(release)
    release = with_seed_goal(release)
    info_hash = _info_hash(release, payload)
    claim = _claim(movie, version, release, candidate, info_hash, client, interactive, user_agent)
    try:
        download_id = run_client(
            client, lambda provider: provider.add(release, payload, is_recent=is_recent(movie))
        )
    except ProviderError as error:
        claim.delete()
        raise GrabError(
            f"{client.name} did not take {release.title}: {safe_message(error.message)}"
        ) from error
    except Exception as error:  # a client answering garbage must not leave a claim behind
        claim.delete()
        raise GrabError(f"{client.name} did not take {release.title}: {error}") from error
    _after_grab(claim, download_id, client, movie, version, release, candidate)
    notify(grab_event(claim, movie, client))
    note_outcome(
        candidate.parsed.release_group,
        OutcomeKind.GRABBED,
        key=f"history:{claim.pk}",
        movie_id=movie.pk,
        title=release.title,
    )
    logger.info(
        "Grabbed %s for %s%s with %s",
        release.title,
        movie,
        f" ({version.name})" if version is not None else "",
        client.name,
    )
    return Grab(download_id, client.name, claim.pk)


def _version(movie: Movie, candidate: Candidate, release: ReleaseInfo) -> MovieVersion | None:
    """The extra version the decision was for (None: the primary version); GrabError once removed."""
    version_id = candidate.movie.version_id
    if version_id is None:
        return None
    version = MovieVersion.objects.filter(pk=version_id, movie=movie).first()
    if version is None:
        raise GrabError(f"The version {candidate.movie.version_name} of {movie} no longer exists")
    return version


def _for_version(version: MovieVersion | None) -> str:
    return f"the {version.name} version of this movie" if version is not None else "this movie"


def _refuse_known_guid(movie_id: int, version: MovieVersion | None, release: ReleaseInfo) -> None:
    if release.guid and _grabs_of(movie_id).filter(version=version, data__guid=release.guid).exists():
        raise GrabError(f"{release.title} was already grabbed for {_for_version(version)}")


def _grabs_of(movie_id: int):  # noqa: ANN202 - a HistoryQuerySet
    """The movie's grabs (of every version), ignoring claims whose client call never finished."""
    stale = Q(download_id="", date__lt=timezone.now() - STALE_CLAIM)
    return History.objects.grabs().filter(movie_id=movie_id).exclude(stale)


def _pick_client(release: ReleaseInfo, candidate: Candidate, download_client_id: int) -> DownloadClient:
    pinned = download_client_id
    if not pinned and release.indexer_id:
        pinned = (
            Indexer.objects.filter(pk=release.indexer_id).values_list("download_client_id", flat=True).first()
        )
    client = client_for(release.protocol, set(candidate.movie.tag_ids), pinned or 0)
    if client is not None:
        return client
    if pinned:
        name = DownloadClient.objects.filter(pk=pinned).values_list("name", flat=True).first()
        raise GrabError(
            f"The download client {name or pinned} chosen for this release is disabled or failing "
            "(Settings → Download Clients)"
        )
    raise GrabError(
        f"No download client is available for {release.protocol} releases (Settings → Download Clients)"
    )


def fetch_release(release: ReleaseInfo) -> tuple[ReleaseInfo, bytes | None]:
    """The .torrent or .nzb bytes; magnets pass through (also when the indexer redirects to one)."""
    url = release.download_url
    if release.protocol == "torrent" and (not url or url.startswith("magnet:")):
        magnet = url if url.startswith("magnet:") else release.magnet_url
        if not magnet:
            raise GrabError(f"{release.title} has neither a torrent link nor a magnet link")
        return dataclasses.replace(release, magnet_url=magnet), None
    if not url:
        raise GrabError(f"{release.title} has no download link")
    http = session()
    # the indexer's own headers (PassThePopcorn's ApiUser/ApiKey) go to its host only, never after a
    # redirect elsewhere
    headers, indexer_host = download_headers(release.indexer_id), urlsplit(url).netloc
    try:
        for _ in range(MAX_REDIRECTS):
            own_host = urlsplit(url).netloc == indexer_host
            response = http.get(url, allow_redirects=False, headers=headers if own_host else None)
            location = response.headers.get("Location", "")
            if response.is_redirect and location.startswith("magnet:"):
                return dataclasses.replace(release, magnet_url=location, download_url=location), None
            if not response.is_redirect:
                break
            url = urljoin(url, location)
    except requests.RequestException as error:
        raise GrabError(
            f"Unable to download {release.title} from {release.indexer or 'the indexer'}: "
            f"{safe_message(str(error))}"
        ) from error
    if response.status_code != 200 or not response.content:
        raise GrabError(
            f"Unable to download {release.title} from {release.indexer or 'the indexer'}: "
            f"HTTP {response.status_code}"
        )
    return release, response.content


def _info_hash(release: ReleaseInfo, payload: bytes | None) -> str:
    if release.protocol != "torrent":
        return ""
    try:
        return torrent_info_hash(payload) if payload else magnet_info_hash(release.magnet_url)
    except ProviderError as error:
        raise GrabError(f"{release.title}: {error.message}") from error


def _claim(
    movie: Movie,
    version: MovieVersion | None,
    release: ReleaseInfo,
    candidate: Candidate,
    info_hash: str,
    client: DownloadClient,
    interactive: bool,
    user_agent: str,
) -> History:
    """Refuse a duplicate and write the Grabbed event, holding the movie's lock while checking."""
    with transaction.atomic():
        Movie.objects.select_for_update().filter(pk=movie.pk).first()  # PostgreSQL: one grab per movie
        grabs = _grabs_of(movie.pk)
        own = grabs.filter(version=version)
        if release.guid and own.filter(data__guid=release.guid).exists():
            raise GrabError(f"{release.title} was already grabbed for {_for_version(version)}")
        if info_hash and grabs.filter(download_id=info_hash).exists():
            raise GrabError(f"{release.title} (the same torrent) was already grabbed for this movie")
        if not interactive and own.filter(date__gte=timezone.now() - CONCURRENT_GRAB_WINDOW).exists():
            what = f"{movie.title} ({version.name})" if version is not None else movie.title
            raise GrabError(f"Another release of {what} was grabbed moments ago")
        data = _grab_data(release, candidate, client, interactive, user_agent)
        if version is not None:
            data["version"] = version.name
        return record_event(
            movie.pk,
            HistoryEventType.GRABBED,
            release.title,
            release_facts(candidate),
            download_id=info_hash,
            data=data,
            version_id=version.pk if version is not None else None,
        )


def _grab_data(
    release: ReleaseInfo, candidate: Candidate, client: DownloadClient, interactive: bool, user_agent: str
) -> dict[str, object]:
    age = timezone.now() - release.publish_date
    source = "InteractiveSearch" if interactive else "Search" if candidate.search else "Rss"
    return {
        "indexer": release.indexer,
        "nzbInfoUrl": release.info_url,
        "releaseGroup": candidate.parsed.release_group,
        "age": age.days,
        "ageHours": round(age.total_seconds() / 3600, 2),
        "ageMinutes": round(age.total_seconds() / 60, 2),
        "publishedDate": release.publish_date,
        "downloadClient": client.implementation,
        "downloadClientName": client.name,
        "size": release.size,
        "downloadUrl": release.download_url or release.magnet_url,
        "guid": release.guid,
        "tmdbId": candidate.movie.tmdb_id or release.tmdb_id or None,
        "imdbId": candidate.movie.imdb_id or release.imdb_id,
        "protocol": 1 if release.protocol == "usenet" else 2,
        "customFormatScore": candidate.format_score,
        "movieMatchType": "Title",
        "releaseSource": source,
        "indexerFlags": release.indexer_flags,
        "userAgent": user_agent,
    }


def _after_grab(
    claim: History,
    download_id: str,
    client: DownloadClient,
    movie: Movie,
    version: MovieVersion | None,
    release: ReleaseInfo,
    candidate: Candidate,
) -> None:
    """Complete the claim with the client's id, and track the download at once (the queue shows it)
    for the version it was grabbed for."""
    facts = release_facts(candidate)
    with transaction.atomic():
        claim.download_id = download_id
        claim.save(update_fields=["download_id"])
        TrackedDownload.objects.update_or_create(
            client=client,
            download_id=download_id,
            defaults={
                "queue_id": queue_id(client.pk, download_id),
                "movie": movie,
                "version": version,
                "grab": claim,
                "title": release.title,
                "protocol": release.protocol,
                "indexer": release.indexer,
                "total_size": release.size,
                "remaining_size": release.size,
                "added": claim.date,
                "custom_format_score": facts.custom_format_score,
                **facts.columns(),
            },
        )
        PendingRelease.objects.filter(movie=movie, version=version, guid=release.guid).delete()


def is_recent(movie: Movie) -> bool:
    """Radarr's "recent" priority: digital or physical release in the last 21 days, cinemas 120."""
    today = date.today()
    for released, days in (
        (movie.digital_release, RECENT_DAYS),
        (movie.physical_release, RECENT_DAYS),
        (movie.in_cinemas, RECENT_CINEMA_DAYS),
    ):
        if released and today - timedelta(days=days) <= released <= today:
            return True
    return False
