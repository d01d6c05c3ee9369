"""Custom Script: run a program with Radarr's `Radarr_*` environment variables, with a time limit."""

import os
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from notifications.implementations.base import BaseNotification
from notifications.payloads import Notice
from radarr.api.errors import Failure
from radarr.providers import ProviderError, setting

TIMEOUT_SECONDS = 300


class CustomScript(BaseNotification):
    implementation = "CustomScript"
    implementation_name = "Custom Script"
    info_link = "https://wiki.servarr.com/radarr/custom-scripts"

    @dataclass
    class Settings:
        path: str = setting("Path", required=True, field_type="filePath")
        arguments: str = setting(
            "Arguments", hidden="hiddenIfNotSet", help_text="Not supported, kept for compatibility"
        )

    def send(self, notice: Notice) -> None:
        script = Path(self.settings.path)
        if not script.is_file():
            raise ProviderError(f"The script {script} does not exist", permanent=True)
        environment = {**os.environ, **script_environment(notice)}
        try:
            result = subprocess.run(  # noqa: S603 - the user configured this program to be run
                [str(script)],
                env=environment,
                cwd=script.parent,
                capture_output=True,
                timeout=TIMEOUT_SECONDS,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise ProviderError(f"{script.name} did not finish within {TIMEOUT_SECONDS} seconds") from error
        except OSError as error:
            raise ProviderError(f"Unable to run {script.name}: {error}") from error
        if result.returncode != 0:
            output = (result.stderr or result.stdout).decode(errors="replace").strip()[-300:]
            raise ProviderError(f"{script.name} exited with code {result.returncode}: {output}")

    def test(self) -> list[Failure]:
        if not Path(self.settings.path).is_file():
            return [Failure("path", f"File '{self.settings.path}' does not exist")]
        return super().test()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, list):
        return "|".join(_text(item) for item in value)
    return str(value)


def _movie_variables(movie: dict[str, Any]) -> dict[str, Any]:
    return {
        "Radarr_Movie_Id": movie.get("id"),
        "Radarr_Movie_Title": movie.get("title"),
        "Radarr_Movie_Year": movie.get("year"),
        "Radarr_Movie_Path": movie.get("folderPath"),
        "Radarr_Movie_ImdbId": movie.get("imdbId"),
        "Radarr_Movie_TmdbId": movie.get("tmdbId"),
        "Radarr_Movie_OriginalLanguage": (movie.get("originalLanguage") or {}).get("name"),
        "Radarr_Movie_Genres": movie.get("genres"),
        "Radarr_Movie_Tags": movie.get("tags"),
        "Radarr_Movie_Overview": movie.get("overview"),
        "Radarr_Movie_Physical_Release_Date": movie.get("releaseDate"),
    }


def _file_variables(movie_file: dict[str, Any]) -> dict[str, Any]:
    return {
        "Radarr_MovieFile_Id": movie_file.get("id"),
        "Radarr_MovieFile_RelativePath": movie_file.get("relativePath"),
        "Radarr_MovieFile_Path": movie_file.get("path"),
        "Radarr_MovieFile_Quality": movie_file.get("quality"),
        "Radarr_MovieFile_QualityVersion": movie_file.get("qualityVersion"),
        "Radarr_MovieFile_ReleaseGroup": movie_file.get("releaseGroup"),
        "Radarr_MovieFile_SceneName": movie_file.get("sceneName"),
        "Radarr_MovieFile_Size": movie_file.get("size"),
    }


def _release_variables(payload: dict[str, Any]) -> dict[str, Any]:
    """Grab (and Test, which looks like a grab)."""
    release = payload.get("release") or {}
    return {
        "Radarr_Release_Title": release.get("releaseTitle"),
        "Radarr_Release_Indexer": release.get("indexer"),
        "Radarr_Release_Size": release.get("size"),
        "Radarr_Release_ReleaseGroup": release.get("releaseGroup"),
        "Radarr_Release_Quality": release.get("quality"),
        "Radarr_Release_QualityVersion": release.get("qualityVersion"),
        "Radarr_Release_CustomFormat": release.get("customFormats"),
        "Radarr_Release_CustomFormatScore": release.get("customFormatScore"),
        "Radarr_IndexerFlags": release.get("indexerFlags"),
        "Radarr_Download_Client": payload.get("downloadClient"),
        "Radarr_Download_Client_Type": payload.get("downloadClientType"),
        "Radarr_Download_Id": payload.get("downloadId"),
    }


def _download_variables(payload: dict[str, Any]) -> dict[str, Any]:
    movie_file = payload.get("movieFile") or {}
    deleted = payload.get("deletedFiles") or []
    return {
        **_file_variables(movie_file),
        "Radarr_IsUpgrade": payload.get("isUpgrade"),
        "Radarr_MovieFile_SourcePath": movie_file.get("sourcePath"),
        "Radarr_MovieFile_SourceFolder": os.path.dirname(movie_file.get("sourcePath") or ""),
        "Radarr_Download_Client": payload.get("downloadClient"),
        "Radarr_Download_Client_Type": payload.get("downloadClientType"),
        "Radarr_Download_Id": payload.get("downloadId"),
        "Radarr_DeletedRelativePaths": [item.get("relativePath") for item in deleted],
        "Radarr_DeletedPaths": [item.get("path") for item in deleted],
    }


def _rename_variables(payload: dict[str, Any]) -> dict[str, Any]:
    files = payload.get("renamedMovieFiles") or []
    return {
        "Radarr_MovieFile_Ids": [item.get("id") for item in files],
        "Radarr_MovieFile_RelativePaths": [item.get("relativePath") for item in files],
        "Radarr_MovieFile_Paths": [item.get("path") for item in files],
        "Radarr_MovieFile_PreviousRelativePaths": [item.get("previousRelativePath") for item in files],
        "Radarr_MovieFile_PreviousPaths": [item.get("previousPath") for item in files],
    }


def _movie_added_variables(payload: dict[str, Any]) -> dict[str, Any]:
    return {"Radarr_Movie_AddMethod": payload.get("addMethod")}


def _movie_delete_variables(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "Radarr_Movie_DeletedFiles": payload.get("deletedFiles"),
        "Radarr_Movie_Folder_Size": payload.get("movieFolderSize"),
    }


def _movie_file_delete_variables(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        **_file_variables(payload.get("movieFile") or {}),
        "Radarr_MovieFile_DeleteReason": payload.get("deleteReason"),
    }


def _health_variables(prefix: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    def variables(payload: dict[str, Any]) -> dict[str, Any]:
        return {
            f"{prefix}_Level": payload.get("level"),
            f"{prefix}_Message": payload.get("message"),
            f"{prefix}_Type": payload.get("type"),
            f"{prefix}_Wiki": payload.get("wikiUrl"),
        }

    return variables


def _manual_interaction_variables(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "Radarr_Download_Client": payload.get("downloadClient"),
        "Radarr_Download_Id": payload.get("downloadId"),
        "Radarr_Download_Status": payload.get("downloadStatus"),
    }


def _application_update_variables(payload: dict[str, Any]) -> dict[str, Any]:
    return {
        "Radarr_Update_Message": payload.get("message"),
        "Radarr_Update_NewVersion": payload.get("newVersion"),
        "Radarr_Update_PreviousVersion": payload.get("previousVersion"),
    }


# Radarr's variables of each event (eventType of the payload), after the common and movie ones
EVENT_VARIABLES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "Grab": _release_variables,
    "Test": _release_variables,
    "Download": _download_variables,
    "Rename": _rename_variables,
    "MovieAdded": _movie_added_variables,
    "MovieDelete": _movie_delete_variables,
    "MovieFileDelete": _movie_file_delete_variables,
    "Health": _health_variables("Radarr_Health_Issue"),
    "HealthRestored": _health_variables("Radarr_Health_Restored"),
    "ManualInteractionRequired": _manual_interaction_variables,
    "ApplicationUpdate": _application_update_variables,
}


def script_environment(notice: Notice) -> dict[str, str]:
    """Radarr's environment variables for the event (values as text, lists joined with |)."""
    payload = notice.payload
    event_type = payload["eventType"]
    variables: dict[str, Any] = {
        "Radarr_EventType": event_type,
        "Radarr_InstanceName": payload.get("instanceName"),
        "Radarr_ApplicationUrl": payload.get("applicationUrl"),
    }
    if payload.get("movie"):
        variables.update(_movie_variables(payload["movie"]))
    event_variables = EVENT_VARIABLES.get(event_type)
    if event_variables is not None:
        variables.update(event_variables(payload))
    return {key: _text(value) for key, value in variables.items()}
