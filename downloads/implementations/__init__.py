"""Every download client implementation, by Radarr's implementation name (what clients send)."""

from downloads.implementations.aria2 import Aria2
from downloads.implementations.base import BaseDownloadClient
from downloads.implementations.blackhole import TorrentBlackhole, UsenetBlackhole
from downloads.implementations.deluge import Deluge
from downloads.implementations.flood import Flood
from downloads.implementations.nzbget import Nzbget
from downloads.implementations.qbittorrent import QBittorrent
from downloads.implementations.rtorrent import RTorrent
from downloads.implementations.sabnzbd import Sabnzbd
from downloads.implementations.transmission import Transmission

IMPLEMENTATIONS: dict[str, type[BaseDownloadClient]] = {
    cls.implementation: cls
    for cls in (Sabnzbd, Nzbget, UsenetBlackhole, QBittorrent, Transmission, Deluge, TorrentBlackhole)
}
IMPLEMENTATIONS.update({cls.implementation: cls for cls in (RTorrent, Aria2, Flood)})  # the XML-RPC family
