"""The indexer implementations, by Radarr's implementation name (what clients send)."""

from indexers.implementations.base import BaseIndexer
from indexers.implementations.filelist import FileList
from indexers.implementations.hdbits import HDBits
from indexers.implementations.iptorrents import IPTorrents
from indexers.implementations.newznab import Newznab
from indexers.implementations.nyaa import Nyaa
from indexers.implementations.passthepopcorn import PassThePopcorn
from indexers.implementations.torrentpotato import TorrentPotato
from indexers.implementations.torrentrss import TorrentRssIndexer
from indexers.implementations.torznab import Torznab

IMPLEMENTATIONS: dict[str, type[BaseIndexer]] = {
    cls.implementation: cls
    for cls in (
        Newznab,
        Torznab,
        FileList,
        HDBits,
        IPTorrents,
        Nyaa,
        PassThePopcorn,
        TorrentPotato,
        TorrentRssIndexer,
    )
}
