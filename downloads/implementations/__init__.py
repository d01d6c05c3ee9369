"""Every download client implementation, by Radarr's implementation name (what clients send)."""

from downloads.implementations.base import BaseDownloadClient
from downloads.implementations.blackhole import TorrentBlackhole, UsenetBlackhole
from downloads.implementations.deluge import Deluge
from downloads.implementations.downloadstation import TorrentDownloadStation, UsenetDownloadStation
from downloads.implementations.freebox import TorrentFreeboxDownload
from downloads.implementations.hadouken import Hadouken
from downloads.implementations.nzbget import Nzbget
from downloads.implementations.nzbvortex import NzbVortex
from downloads.implementations.pneumatic import Pneumatic
from downloads.implementations.qbittorrent import QBittorrent
from downloads.implementations.sabnzbd import Sabnzbd
from downloads.implementations.transmission import Transmission
from downloads.implementations.utorrent import UTorrent
from downloads.implementations.vuze import Vuze

IMPLEMENTATIONS: dict[str, type[BaseDownloadClient]] = {
    cls.implementation: cls
    for cls in (Sabnzbd, Nzbget, UsenetBlackhole, QBittorrent, Transmission, Deluge, TorrentBlackhole)
}
# kinds served in tests by loopback fakes of their documented APIs (no daemon runs here)
IMPLEMENTATIONS.update(
    {
        cls.implementation: cls
        for cls in (
            TorrentDownloadStation,
            UsenetDownloadStation,
            UTorrent,
            Vuze,
            Hadouken,
            TorrentFreeboxDownload,
            NzbVortex,
            Pneumatic,
        )
    }
)
