"""Every download client implementation, by Radarr's implementation name (what clients send)."""

from downloads.implementations.aria2 import Aria2
from downloads.implementations.base import BaseDownloadClient
from downloads.implementations.blackhole import TorrentBlackhole, UsenetBlackhole
from downloads.implementations.deluge import Deluge
from downloads.implementations.downloadstation import TorrentDownloadStation, UsenetDownloadStation
from downloads.implementations.flood import Flood
from downloads.implementations.freebox import TorrentFreeboxDownload
from downloads.implementations.hadouken import Hadouken
from downloads.implementations.nzbget import Nzbget
from downloads.implementations.nzbvortex import NzbVortex
from downloads.implementations.pneumatic import Pneumatic
from downloads.implementations.qbittorrent import QBittorrent
from downloads.implementations.rtorrent import RTorrent
from downloads.implementations.sabnzbd import Sabnzbd
from downloads.implementations.transmission import Transmission
from downloads.implementations.utorrent import UTorrent
from downloads.implementations.vuze import Vuze

IMPLEMENTATIONS: dict[str, type[BaseDownloadClient]] = {
    cls.implementation: cls
    for cls in (
        # usenet
        Sabnzbd,
        Nzbget,
        NzbVortex,
        UsenetDownloadStation,
        Pneumatic,
        UsenetBlackhole,
        # torrent
        QBittorrent,
        Transmission,
        Deluge,
        RTorrent,
        Flood,
        Aria2,
        UTorrent,
        Vuze,
        Hadouken,
        TorrentDownloadStation,
        TorrentFreeboxDownload,
        TorrentBlackhole,
    )
}
