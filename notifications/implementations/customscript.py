"""Custom Script: run a program with Radarr's `Radarr_*` environment variables, with a time limit."""

import os
import subprocess
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
    release = payload.get("release") or {}
    if event_type in ("Grab", "Test"):
        variables.update(
            {
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
        )
    elif event_type == "Download":
        movie_file = payload.get("movieFile") or {}
        variables.update(_file_variables(movie_file))
        deleted = payload.get("deletedFiles") or []
        variables.update(
            {
                "Radarr_IsUpgrade": payload.get("isUpgrade"),
                "Radarr_MovieFile_SourcePath": movie_file.get("sourcePath"),
                "Radarr_MovieFile_SourceFolder": os.path.dirname(movie_file.get("sourcePath") or ""),
                "Radarr_Download_Client": payload.get("downloadClient"),
                "Radarr_Download_Client_Type": payload.get("downloadClientType"),
                "Radarr_Download_Id": payload.get("downloadId"),
                "Radarr_DeletedRelativePaths": [item.get("relativePath") for item in deleted],
                "Radarr_DeletedPaths": [item.get("path") for item in deleted],
            }
        )
    elif event_type == "Rename":
        files = payload.get("renamedMovieFiles") or []
        variables.update(
            {
                "Radarr_MovieFile_Ids": [item.get("id") for item in files],
                "Radarr_MovieFile_RelativePaths": [item.get("relativePath") for item in files],
                "Radarr_MovieFile_Paths": [item.get("path") for item in files],
                "Radarr_MovieFile_PreviousRelativePaths": [
                    item.get("previousRelativePath") for item in files
                ],
                "Radarr_MovieFile_PreviousPaths": [item.get("previousPath") for item in files],
            }
        )
    elif event_type == "MovieAdded":
        variables["Radarr_Movie_AddMethod"] = payload.get("addMethod")
    elif event_type == "MovieDelete":
        variables["Radarr_Movie_DeletedFiles"] = payload.get("deletedFiles")
        variables["Radarr_Movie_Folder_Size"] = payload.get("movieFolderSize")
    elif event_type == "MovieFileDelete":
        variables.update(_file_variables(payload.get("movieFile") or {}))
        variables["Radarr_MovieFile_DeleteReason"] = payload.get("deleteReason")
    elif event_type in ("Health", "HealthRestored"):
        prefix = "Radarr_Health_Issue" if event_type == "Health" else "Radarr_Health_Restored"
        variables.update(
            {
                f"{prefix}_Level": payload.get("level"),
                f"{prefix}_Message": payload.get("message"),
                f"{prefix}_Type": payload.get("type"),
                f"{prefix}_Wiki": payload.get("wikiUrl"),
            }
        )
    elif event_type == "ManualInteractionRequired":
        variables.update(
            {
                "Radarr_Download_Client": payload.get("downloadClient"),
                "Radarr_Download_Id": payload.get("downloadId"),
                "Radarr_Download_Status": payload.get("downloadStatus"),
            }
        )
    elif event_type == "ApplicationUpdate":
        variables.update(
            {
                "Radarr_Update_Message": payload.get("message"),
                "Radarr_Update_NewVersion": payload.get("newVersion"),
                "Radarr_Update_PreviousVersion": payload.get("previousVersion"),
            }
        )
    return {key: _text(value) for key, value in variables.items()}
