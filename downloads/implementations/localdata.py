"""Deleting a download's data from this machine, for clients that cannot delete it themselves
(rTorrent's d.erase and aria2 keep the files; Radarr's DeleteItemData does it on their behalf)."""

import shutil
from pathlib import Path

from radarr.providers import ProviderError


def delete_download_data(output_path: str) -> None:
    """Delete the file or folder a client reported (already mapped); a missing one is no error."""
    if not output_path:
        return
    path = Path(output_path)
    if not path.is_absolute() or len(path.parts) < 3:
        raise ProviderError(f"Refusing to delete '{output_path}': not the path of a download")
    try:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    except OSError as error:
        raise ProviderError(f"Could not delete the download's data at {path}: {error.strerror}") from error
