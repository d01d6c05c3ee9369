"""Every operation of our v3 API, one `Op` each, grouped as radarr/api/urls.py and the apps route them.

A test checks this table against the URL patterns both ways, so a new route cannot go undocumented.
Path parameters are typed in `PATH_TYPES` unless an operation says otherwise; `{id}` is a positive id.
"""

from dataclasses import dataclass

PAGING = "page:int32(1..) pageSize:int32(1..) sortKey:string sortDirection:SortDirection "
PATH_TYPES = {"id": "int32(1..)", "movieId": "int32(1..)", "filename": "string", "name": "string"}


@dataclass(frozen=True, slots=True)
class Op:
    method: str
    path: str
    tag: str
    summary: str
    query: str = ""  # parameters in the notation of notation.py
    body: str = ""  # a type expression; "multipart" for a file upload
    returns: str = ""  # a type expression of the JSON answer; empty when the answer has no body
    status: int | None = None  # by default GET and DELETE answer 200, POST 201, PUT 202
    path_types: str = ""  # overrides PATH_TYPES: "id:int32"
    media_type: str = "application/json"  # of the answer
    extension: bool = False  # an operation Radarr does not have


def _crud(tag: str, base: str, resource: str, *, create: bool = True, delete: bool = True) -> list[Op]:
    """List, create and update-without-id on the collection; read, update and delete one by id."""
    ops = [Op("GET", base, tag, f"Every {resource}", returns=f"[{resource}]")]
    if create:
        ops.append(Op("POST", base, tag, f"Create a {resource}", body=resource, returns=resource))
    ops += [
        Op(
            "PUT",
            base,
            tag,
            f"Update the {resource} whose id is in the body",
            body=resource,
            returns=resource,
        ),
        Op("GET", f"{base}/{{id}}", tag, f"One {resource}", returns=resource),
        Op("PUT", f"{base}/{{id}}", tag, f"Update one {resource}", body=resource, returns=resource),
    ]
    if delete:
        ops.append(Op("DELETE", f"{base}/{{id}}", tag, f"Delete one {resource}"))
    return ops


def _providers(tag: str, base: str, resource: str, bulk: str | None) -> list[Op]:
    """A provider family (indexers, download clients, notifications): CRUD, schema, test and bulk
    (metadata consumers have no bulk: `bulk` None)."""
    saving = "forceSave:bool"
    return [
        Op("GET", base, tag, f"Every {resource}", returns=f"[{resource}]"),
        Op(
            "POST",
            base,
            tag,
            f"Test, then create a {resource}",
            query=saving,
            body=resource,
            returns=resource,
        ),
        Op(
            "PUT",
            base,
            tag,
            "Test, then update the one whose id is in the body",
            query=saving,
            body=resource,
            returns=resource,
        ),
        Op("GET", f"{base}/schema", tag, "A template per implementation", returns=f"[{resource}]"),
        Op(
            "POST",
            f"{base}/test",
            tag,
            "Test settings without saving them",
            body=resource,
            returns="object",
            status=200,
        ),
        Op(
            "POST", f"{base}/testall", tag, "Test every saved one", returns="[ProviderTestResult]", status=200
        ),
        *(
            [
                Op("PUT", f"{base}/bulk", tag, "Edit several at once", body=bulk, returns=f"[{resource}]"),
                Op("DELETE", f"{base}/bulk", tag, "Delete several at once", body=bulk),
            ]
            if bulk
            else []
        ),
        Op(
            "POST",
            f"{base}/action/{{name}}",
            tag,
            "Ask the provider the body describes for a field's remote options",
            body=resource,
            returns="any",
            status=200,
        ),
        Op("GET", f"{base}/{{id}}", tag, f"One {resource}", returns=resource),
        Op(
            "PUT",
            f"{base}/{{id}}",
            tag,
            "Test, then update one",
            query=saving,
            body=resource,
            returns=resource,
        ),
        Op("DELETE", f"{base}/{{id}}", tag, f"Delete one {resource}"),
    ]


def _config(tag: str, base: str, resource: str) -> list[Op]:
    """A settings object: one row, read and written with or without its id (pyarr sends none)."""
    return [
        Op("GET", base, tag, "The settings", returns=resource),
        Op("PUT", base, tag, "Save the settings", body=resource, returns=resource),
        Op("GET", f"{base}/{{id}}", tag, "The settings", returns=resource),
        Op("PUT", f"{base}/{{id}}", tag, "Save the settings", body=resource, returns=resource),
    ]


SYSTEM = [
    Op("GET", "/api", "System", "The API versions this server answers", returns="ApiInfoResource"),
    Op("GET", "/api/v3/system/status", "System", "Version, paths and platform", returns="SystemResource"),
    Op("GET", "/api/v3/system/task", "System", "Scheduled tasks", returns="[TaskResource]"),
    Op("GET", "/api/v3/system/task/{id}", "System", "One scheduled task", returns="TaskResource"),
    Op("GET", "/api/v3/health", "System", "Current health issues", returns="[HealthResource]"),
    Op("GET", "/api/v3/command", "Command", "Recent commands", returns="[CommandResource]"),
    Op(
        "POST",
        "/api/v3/command",
        "Command",
        "Queue a command by name",
        body="CommandResource",
        returns="CommandResource",
    ),
    Op("GET", "/api/v3/command/{id}", "Command", "One command", returns="CommandResource"),
    Op("DELETE", "/api/v3/command/{id}", "Command", "Cancel a command that has not started"),
    Op(
        "GET",
        "/api/v3/log",
        "Log",
        "Recent log entries",
        query=PAGING + "level:string",
        returns="LogResourcePagingResource",
    ),
    Op("GET", "/api/v3/log/file", "Log", "Log files", returns="[LogFileResource]"),
    Op(
        "GET",
        "/api/v3/log/file/{filename}",
        "Log",
        "One log file's text",
        returns="string",
        media_type="text/plain",
    ),
    Op("GET", "/api/v3/system/backup", "Backup", "Backups on disk", returns="[BackupResource]"),
    Op("DELETE", "/api/v3/system/backup/{id}", "Backup", "Delete a backup"),
    Op(
        "POST",
        "/api/v3/system/backup/restore/{id}",
        "Backup",
        "Restore a backup (applied at restart)",
        returns="object",
        status=200,
    ),
    Op(
        "POST",
        "/api/v3/system/backup/restore/upload",
        "Backup",
        "Restore an uploaded backup zip",
        body="multipart",
        returns="object",
        status=200,
    ),
    *_config("UiConfig", "/api/v3/config/ui", "UiConfigResource"),
    Op(
        "GET",
        "/api/v3/log/file/update",
        "Log",
        "The updater's log files (none: updates happen outside the app)",
        returns="[LogFileResource]",
    ),
    Op(
        "GET",
        "/api/v3/log/file/update/{filename}",
        "Log",
        "One updater log file's text",
        returns="string",
        media_type="text/plain",
    ),
    Op("GET", "/api/v3/update", "Update", "The installed version", returns="[UpdateResource]"),
    Op(
        "GET",
        "/api/v3/localization",
        "Localization",
        "The interface's words under Radarr's keys",
        returns="LocalizationResource",
    ),
    Op(
        "GET",
        "/api/v3/localization/language",
        "Localization",
        "The interface's language",
        returns="LocalizationLanguageResource",
    ),
    Op(
        "GET",
        "/api/v3/system/routes",
        "System",
        "Every route and its methods, one a line",
        returns="string",
        media_type="text/plain",
    ),
    Op("GET", "/api/v3/system/routes/duplicate", "System", "Routes answered twice", returns="[object]"),
    Op("POST", "/api/v3/system/shutdown", "System", "Stop the server", returns="object", status=200),
    Op("POST", "/api/v3/system/restart", "System", "Stop and start the server", returns="object", status=200),
    Op(
        "GET",
        "/api/v3/filesystem",
        "FileSystem",
        "The folders (and files) inside a folder the server may read",
        query="path:string includeFiles:bool allowFoldersWithoutTrailingSlashes:bool",
        returns="FileSystemResource",
    ),
    Op(
        "GET",
        "/api/v3/filesystem/type",
        "FileSystem",
        "Whether a path is a file or a folder",
        query="path:string",
        returns="FileSystemTypeResource",
    ),
    Op(
        "GET",
        "/api/v3/filesystem/mediafiles",
        "FileSystem",
        "The video files under a folder",
        query="path:string",
        returns="[MediaFileResource]",
    ),
    Op("GET", "/api/v3/customfilter", "CustomFilter", "Saved filters", returns="[CustomFilterResource]"),
    Op(
        "POST",
        "/api/v3/customfilter",
        "CustomFilter",
        "Save a filter",
        body="CustomFilterResource",
        returns="CustomFilterResource",
    ),
    Op(
        "GET", "/api/v3/customfilter/{id}", "CustomFilter", "One saved filter", returns="CustomFilterResource"
    ),
    Op(
        "PUT",
        "/api/v3/customfilter/{id}",
        "CustomFilter",
        "Update a saved filter",
        body="CustomFilterResource",
        returns="CustomFilterResource",
    ),
    Op("DELETE", "/api/v3/customfilter/{id}", "CustomFilter", "Delete a saved filter"),
    *_config("HostConfig", "/api/v3/config/host", "HostConfigResource"),
]

RELEASES = [
    *_crud("CustomFormat", "/api/v3/customformat", "CustomFormatResource"),
    Op(
        "GET",
        "/api/v3/customformat/schema",
        "CustomFormat",
        "A template per condition type",
        returns="[CustomFormatSpecificationSchema]",
    ),
    Op(
        "PUT",
        "/api/v3/customformat/bulk",
        "CustomFormat",
        "Edit several formats",
        body="CustomFormatBulkResource",
        returns="[CustomFormatResource]",
    ),
    Op(
        "DELETE",
        "/api/v3/customformat/bulk",
        "CustomFormat",
        "Delete several formats",
        body="CustomFormatBulkResource",
        returns="object",
    ),
    *_crud("QualityProfile", "/api/v3/qualityprofile", "QualityProfileResource"),
    Op(
        "POST",
        "/api/v3/qualityprofile/{id}/preview",
        "QualityProfile",
        "What saving this profile would do to the library and the queue; nothing is saved",
        body="QualityProfileResource",
        returns="ChangePreviewResource",
        status=200,
        extension=True,
    ),
    Op(
        "POST",
        "/api/v3/customformat/{id}/preview",
        "CustomFormat",
        "What saving this custom format would do to the library and the queue; nothing is saved",
        body="CustomFormatResource",
        returns="ChangePreviewResource",
        status=200,
        extension=True,
    ),
    Op(
        "GET",
        "/api/v3/qualityprofile/schema",
        "QualityProfile",
        "A new profile's defaults",
        returns="QualityProfileResource",
    ),
    *_crud("DelayProfile", "/api/v3/delayprofile", "DelayProfileResource"),
    Op(
        "PUT",
        "/api/v3/delayprofile/reorder/{id}",
        "DelayProfile",
        "Move a profile after another",
        query="after:int32",
        returns="[DelayProfileResource]",
    ),
    *_crud("ReleaseProfile", "/api/v3/releaseprofile", "ReleaseProfileResource"),
    Op("GET", "/api/v3/language", "Language", "Every language", returns="[LanguageResource]"),
    Op(
        "GET",
        "/api/v3/language/{id}",
        "Language",
        "One language (Any is -1, Original -2)",
        returns="LanguageResource",
        path_types="id:int32",
    ),
    *_crud(
        "QualityDefinition",
        "/api/v3/qualitydefinition",
        "QualityDefinitionResource",
        create=False,
        delete=False,
    ),
    Op(
        "PUT",
        "/api/v3/qualitydefinition/update",
        "QualityDefinition",
        "Update several sizes at once",
        body="[QualityDefinitionResource]",
        returns="[QualityDefinitionResource]",
    ),
    Op(
        "GET",
        "/api/v3/qualitydefinition/limits",
        "QualityDefinition",
        "The size limits",
        returns="QualityDefinitionLimitsResource",
    ),
    Op(
        "GET",
        "/api/v3/indexerflag",
        "IndexerFlag",
        "Flags a release may carry",
        returns="[IndexerFlagResource]",
    ),
    Op(
        "GET",
        "/api/v3/parse",
        "Parse",
        "Parse a release title",
        query="title:string",
        returns="ParseResource",
    ),
]

MOVIES = [
    Op(
        "GET",
        "/api/v3/movie/lookup",
        "MovieLookup",
        "Search TMDB",
        query="term:string",
        returns="[MovieResource]",
    ),
    Op(
        "GET",
        "/api/v3/movie/lookup/tmdb",
        "MovieLookup",
        "One movie by TMDB id",
        query="tmdbId!:int32",
        returns="MovieResource",
    ),
    Op(
        "GET",
        "/api/v3/movie/lookup/imdb",
        "MovieLookup",
        "One movie by IMDb id",
        query="imdbId!:string",
        returns="MovieResource",
    ),
    Op(
        "GET",
        "/api/v3/movie",
        "Movie",
        "The library",
        query="tmdbId:int32 excludeLocalCovers:bool",
        returns="[MovieResource]",
    ),
    Op("POST", "/api/v3/movie", "Movie", "Add a movie", body="MovieResource", returns="MovieResource"),
    Op(
        "PUT",
        "/api/v3/movie",
        "Movie",
        "Update the movie whose id is in the body",
        query="moveFiles:bool",
        body="MovieResource",
        returns="MovieResource",
    ),
    Op(
        "PUT",
        "/api/v3/movie/editor",
        "MovieEditor",
        "Edit several movies",
        body="MovieEditorResource",
        returns="[MovieResource]",
    ),
    Op("DELETE", "/api/v3/movie/editor", "MovieEditor", "Delete several movies", body="MovieEditorResource"),
    Op(
        "POST",
        "/api/v3/movie/import",
        "MovieImport",
        "Add movies whose folders already exist",
        body="[MovieResource]",
        returns="[MovieResource]",
        status=200,
    ),
    Op("GET", "/api/v3/movie/{id}", "Movie", "One movie", returns="MovieResource"),
    Op(
        "GET",
        "/api/v3/movie/{id}/version",
        "MovieVersion",
        "Every version of a movie, the primary (id 0) first",
        returns="[MovieVersionResource]",
        extension=True,
    ),
    Op(
        "POST",
        "/api/v3/movie/{id}/version",
        "MovieVersion",
        "Add a version (templateId: from that template, the body's fields overriding)",
        body="MovieVersionResource",
        returns="MovieVersionResource",
        extension=True,
    ),
    Op(
        "GET",
        "/api/v3/movie/{id}/version/{versionId}",
        "MovieVersion",
        "One version of a movie (0: the primary)",
        returns="MovieVersionResource",
        path_types="versionId:int32(0..)",
        extension=True,
    ),
    Op(
        "PUT",
        "/api/v3/movie/{id}/version/{versionId}",
        "MovieVersion",
        "Change a version (0: the primary, as PUT /movie changes the movie)",
        query="moveFiles:bool",
        body="MovieVersionResource",
        returns="MovieVersionResource",
        path_types="versionId:int32(0..)",
        extension=True,
    ),
    Op(
        "DELETE",
        "/api/v3/movie/{id}/version/{versionId}",
        "MovieVersion",
        "Remove an extra version; its file goes to the recycle bin with deleteFiles, else stays",
        query="deleteFiles:bool",
        path_types="versionId:int32(1..)",
        extension=True,
    ),
    *(
        Op(op.method, op.path, op.tag, op.summary, body=op.body, returns=op.returns, extension=True)
        for op in _crud("VersionTemplate", "/api/v3/versiontemplate", "VersionTemplateResource")
    ),
    Op(
        "GET",
        "/api/v3/movie/{id}/folder",
        "MovieFolder",
        "The folder name the Movie Folder Format gives it",
        returns="MovieFolderResource",
    ),
    Op(
        "GET",
        "/api/v3/alttitle",
        "AlternativeTitle",
        "Alternative titles, of one movie or all",
        query="movieId:int32 movieMetadataId:int32",
        returns="[AlternativeTitleResource]",
    ),
    Op(
        "GET",
        "/api/v3/alttitle/{id}",
        "AlternativeTitle",
        "One alternative title",
        returns="AlternativeTitleResource",
    ),
    Op(
        "GET",
        "/api/v3/credit",
        "Credit",
        "Cast and crew from TMDB, of one movie or all",
        query="movieId:int32 movieMetadataId:int32",
        returns="[CreditResource]",
    ),
    Op("GET", "/api/v3/credit/{id}", "Credit", "One credit", returns="CreditResource"),
    Op(
        "PUT",
        "/api/v3/movie/{id}",
        "Movie",
        "Update a movie",
        query="moveFiles:bool",
        body="MovieResource",
        returns="MovieResource",
    ),
    Op(
        "DELETE",
        "/api/v3/movie/{id}",
        "Movie",
        "Delete a movie",
        query="deleteFiles:bool addImportExclusion:bool",
    ),
    Op("GET", "/api/v3/rootfolder", "RootFolder", "Root folders", returns="[RootFolderResource]"),
    Op(
        "POST",
        "/api/v3/rootfolder",
        "RootFolder",
        "Add a root folder",
        body="RootFolderResource",
        returns="RootFolderResource",
    ),
    Op("GET", "/api/v3/rootfolder/{id}", "RootFolder", "One root folder", returns="RootFolderResource"),
    Op("DELETE", "/api/v3/rootfolder/{id}", "RootFolder", "Remove a root folder (files stay)"),
    *_crud("Tag", "/api/v3/tag", "TagResource"),
    *_crud("AutoTagging", "/api/v3/autotagging", "AutoTaggingResource"),
    Op(
        "GET",
        "/api/v3/autotagging/schema",
        "AutoTagging",
        "A template per condition type",
        returns="[AutoTaggingSpecificationSchema]",
    ),
    Op("GET", "/api/v3/tag/detail", "TagDetails", "What uses each tag", returns="[TagDetailsResource]"),
    Op("GET", "/api/v3/tag/detail/{id}", "TagDetails", "What uses one tag", returns="TagDetailsResource"),
    Op(
        "GET",
        "/api/v3/collection",
        "Collection",
        "TMDB collections",
        query="tmdbId:int32",
        returns="[CollectionResource]",
    ),
    Op(
        "PUT",
        "/api/v3/collection",
        "Collection",
        "Edit several collections",
        body="CollectionUpdateResource",
        returns="[CollectionResource]",
    ),
    Op("GET", "/api/v3/collection/{id}", "Collection", "One collection", returns="CollectionResource"),
    Op(
        "PUT",
        "/api/v3/collection/{id}",
        "Collection",
        "Update a collection",
        body="CollectionResource",
        returns="CollectionResource",
    ),
    *_providers("ImportList", "/api/v3/importlist", "ImportListResource", "ImportListBulkResource"),
    *_config("ImportListConfig", "/api/v3/config/importlist", "ImportListConfigResource"),
    Op(
        "GET",
        "/api/v3/config/importlist/preview",
        "ImportListConfig",
        "What clean library would do now at the saved (or the given) level; nothing is changed",
        query="listSyncLevel:string listSyncTag:int32(0..)",
        returns="ImportListCleanPreviewResource",
        extension=True,
    ),
    Op(
        "GET",
        "/api/v3/importlist/movie",
        "ImportListMovies",
        "Movies the lists named at their last sync that are not in the library",
        query="includeRecommendations:bool includeTrending:bool includePopular:bool",
        returns="[ImportListMoviesResource]",
    ),
    Op(
        "POST",
        "/api/v3/importlist/movie",
        "ImportListMovies",
        "Add the movies sent (those already in the library are skipped)",
        body="[MovieResource]",
        returns="[MovieResource]",
        status=200,
    ),
    *_crud("ImportListExclusion", "/api/v3/exclusions", "ImportListExclusionResource"),
    Op(
        "GET",
        "/api/v3/exclusions/paged",
        "ImportListExclusion",
        "Exclusions, a page at a time",
        query=PAGING,
        returns="ImportListExclusionResourcePagingResource",
    ),
    Op(
        "POST",
        "/api/v3/exclusions/bulk",
        "ImportListExclusion",
        "Add several exclusions",
        body="[ImportListExclusionResource]",
        returns="[ImportListExclusionResource]",
        status=200,
    ),
    Op(
        "DELETE",
        "/api/v3/exclusions/bulk",
        "ImportListExclusion",
        "Delete several exclusions",
        body="ImportListExclusionBulkResource",
    ),
    Op(
        "GET",
        "/api/v3/mediacover/{movieId}/{filename}",
        "MediaCover",
        "A cached poster or fanart",
        returns="binary",
        media_type="image/jpeg",
    ),
    Op(
        "GET",
        "/api/v3/calendar",
        "Calendar",
        "Movies with a release between two days",
        query="start:date end:date unmonitored:bool tags:string",
        returns="[MovieResource]",
    ),
    Op(
        "GET",
        "/feed/v3/calendar/radarr.ics",
        "CalendarFeed",
        "The iCal feed",
        query="pastDays:int32(-36525..36525) futureDays:int32(-36525..36525) tags:string unmonitored:bool "
        "releaseTypes:[CalendarReleaseType]",
        returns="string",
        media_type="text/calendar",
    ),
    Op(
        "GET",
        "/api/v3/wanted/missing",
        "Missing",
        "Monitored movies without a file",
        query=PAGING + "monitored:bool",
        returns="MovieResourcePagingResource",
    ),
    Op(
        "GET",
        "/api/v3/wanted/cutoff",
        "Cutoff",
        "Movies whose file is below the profile's cutoff",
        query=PAGING + "monitored:bool",
        returns="MovieResourcePagingResource",
    ),
    Op(
        "GET",
        "/api/v3/diskspace",
        "DiskSpace",
        "Free space of the root folders' disks",
        returns="[DiskSpaceResource]",
    ),
]

INDEXERS = [
    *_providers("Indexer", "/api/v3/indexer", "IndexerResource", "IndexerBulkResource"),
    *_config("IndexerConfig", "/api/v3/config/indexer", "IndexerConfigResource"),
    Op(
        "GET",
        "/api/v3/release",
        "Release",
        "Search the indexers for one movie",
        query="movieId:int32(1..)",
        returns="[ReleaseResource]",
    ),
    Op(
        "POST",
        "/api/v3/release",
        "Release",
        "Grab a release found by a search",
        body="ReleaseResource",
        returns="ReleaseResource",
        status=200,
    ),
    Op(
        "POST",
        "/api/v3/release/push",
        "ReleasePush",
        "Decide on (and maybe grab) a pushed release",
        body="ReleaseResource",
        returns="[ReleaseResource]",
        status=200,
    ),
]

DOWNLOADS = [
    *_providers(
        "DownloadClient", "/api/v3/downloadclient", "DownloadClientResource", "DownloadClientBulkResource"
    ),
    *_config("DownloadClientConfig", "/api/v3/config/downloadclient", "DownloadClientConfigResource"),
    *_crud("RemotePathMapping", "/api/v3/remotepathmapping", "RemotePathMappingResource"),
    Op(
        "GET",
        "/api/v3/queue",
        "Queue",
        "Downloads in progress, a page at a time",
        query=PAGING + "includeUnknownMovieItems:bool includeMovie:bool movieIds:[int32] protocol:string "
        "languages:[int32] quality:[int32] status:[string]",
        returns="QueueResourcePagingResource",
    ),
    Op(
        "GET",
        "/api/v3/queue/details",
        "QueueDetails",
        "Every queue item",
        query="movieId:int32 includeUnknownMovieItems:bool includeMovie:bool",
        returns="[QueueResource]",
    ),
    Op("GET", "/api/v3/queue/status", "QueueStatus", "Queue counts", returns="QueueStatusResource"),
    Op(
        "DELETE",
        "/api/v3/queue/bulk",
        "Queue",
        "Remove several items (unknown ids are skipped)",
        query="removeFromClient:bool blocklist:bool skipRedownload:bool changeCategory:bool",
        body="QueueBulkResource",
    ),
    Op(
        "POST",
        "/api/v3/queue/grab/bulk",
        "QueueAction",
        "Grab several pending releases now",
        body="QueueBulkResource",
        returns="object",
        status=200,
    ),
    Op(
        "POST",
        "/api/v3/queue/grab/{id}",
        "QueueAction",
        "Grab a pending release now",
        returns="object",
        status=200,
    ),
    Op(
        "DELETE",
        "/api/v3/queue/{id}",
        "Queue",
        "Remove one item",
        query="removeFromClient:bool blocklist:bool skipRedownload:bool changeCategory:bool",
    ),
    Op(
        "GET",
        "/api/v3/history",
        "History",
        "History, a page at a time",
        query=PAGING + "includeMovie:bool eventType:[int32] downloadId:string movieIds:[int32] "
        "quality:[int32]",
        returns="HistoryResourcePagingResource",
    ),
    Op(
        "GET",
        "/api/v3/history/movie",
        "History",
        "One movie's history",
        query="movieId:int32 eventType:string includeMovie:bool",
        returns="[HistoryResource]",
    ),
    Op(
        "GET",
        "/api/v3/history/since",
        "History",
        "History since a moment",
        query="date:datetime eventType:string includeMovie:bool",
        returns="[HistoryResource]",
    ),
    Op(
        "POST",
        "/api/v3/history/failed/{id}",
        "History",
        "Mark a grab as failed",
        returns="object",
        status=200,
    ),
    Op(
        "GET",
        "/api/v3/blocklist",
        "Blocklist",
        "Blocked releases, a page at a time",
        query=PAGING + "movieIds:[int32] protocols:[DownloadProtocol]",
        returns="BlocklistResourcePagingResource",
    ),
    Op(
        "GET",
        "/api/v3/blocklist/movie",
        "Blocklist",
        "One movie's blocked releases",
        query="movieId:int32",
        returns="[BlocklistResource]",
    ),
    Op(
        "DELETE",
        "/api/v3/blocklist/bulk",
        "Blocklist",
        "Unblock several releases",
        body="BlocklistBulkResource",
    ),
    Op("DELETE", "/api/v3/blocklist/{id}", "Blocklist", "Unblock one release"),
]

IMPORTS = [
    Op(
        "GET",
        "/api/v3/manualimport",
        "ManualImport",
        "What importing a folder or download would do",
        query="folder:string downloadId:string movieId:int32 filterExistingFiles:bool",
        returns="[ManualImportResource]",
    ),
    Op(
        "POST",
        "/api/v3/manualimport",
        "ManualImport",
        "Decide again with the user's choices",
        body="[ManualImportReprocessResource]",
        returns="[ManualImportResource]",
        status=200,
    ),
    Op(
        "PUT",
        "/api/v3/manualimport",
        "ManualImport",
        "The same as POST (pyarr sends PUT)",
        body="[ManualImportReprocessResource]",
        returns="[ManualImportResource]",
        status=200,
        extension=True,
    ),
    *_config("NamingConfig", "/api/v3/config/naming", "NamingConfigResource"),
    Op(
        "GET",
        "/api/v3/config/naming/examples",
        "NamingConfig",
        "Sample names for the formats given",
        query="renameMovies:bool replaceIllegalCharacters:bool colonReplacementFormat:string "
        "standardMovieFormat:string movieFolderFormat:string",
        returns="NamingExampleResource",
    ),
    *_config("MediaManagementConfig", "/api/v3/config/mediamanagement", "MediaManagementConfigResource"),
    *_providers("Metadata", "/api/v3/metadata", "MetadataResource", None),
    *_config("MetadataConfig", "/api/v3/config/metadata", "MetadataConfigResource"),
    Op(
        "GET",
        "/api/v3/rename",
        "RenameMovie",
        "Files of a movie that a rename would change",
        query="movieId!:int32",
        returns="[RenameMovieResource]",
    ),
    Op(
        "GET",
        "/api/v3/extrafile",
        "ExtraFile",
        "A movie's extra files",
        query="movieId:int32",
        returns="[ExtraFileResource]",
    ),
    Op(
        "GET",
        "/api/v3/moviefile",
        "MovieFile",
        "Movie files by movie or by id",
        query="movieId:int32 movieFileIds:[int32]",
        returns="[MovieFileResource]",
    ),
    Op("DELETE", "/api/v3/moviefile/bulk", "MovieFile", "Delete several files", body="MovieFileListResource"),
    Op(
        "PUT",
        "/api/v3/moviefile/bulk",
        "MovieFile",
        "Edit several files, each with its own changes",
        body="[MovieFileResource]",
        returns="[MovieFileResource]",
    ),
    Op(
        "PUT",
        "/api/v3/moviefile/editor",
        "MovieFile",
        "Make the same changes to several files",
        body="MovieFileListResource",
        returns="[MovieFileResource]",
    ),
    Op("GET", "/api/v3/moviefile/{id}", "MovieFile", "One movie file", returns="MovieFileResource"),
    Op(
        "PUT",
        "/api/v3/moviefile/{id}",
        "MovieFile",
        "Edit a file's quality, languages, edition, group",
        body="MovieFileResource",
        returns="MovieFileResource",
    ),
    Op("DELETE", "/api/v3/moviefile/{id}", "MovieFile", "Delete a movie file"),
]

NOTIFICATIONS = _providers(
    "Notification", "/api/v3/notification", "NotificationResource", "NotificationBulkResource"
)

SCENE_GROUPS = [
    Op(
        "GET",
        "/api/v3/scenegroup",
        "SceneGroup",
        "Release groups by reputation",
        returns="[SceneGroupResource]",
        extension=True,
    ),
    Op(
        "GET",
        "/api/v3/scenegroup/{name}",
        "SceneGroup",
        "One group with the factors of its score",
        returns="SceneGroupDetailResource",
        extension=True,
    ),
    Op(
        "PUT",
        "/api/v3/scenegroup/{name}",
        "SceneGroup",
        "Pin a group's score, or unpin it",
        body="SceneGroupPinResource",
        returns="SceneGroupDetailResource",
        extension=True,
    ),
]

OPERATIONS: list[Op] = [
    *SYSTEM,
    *RELEASES,
    *MOVIES,
    *INDEXERS,
    *DOWNLOADS,
    *IMPORTS,
    *NOTIFICATIONS,
    *SCENE_GROUPS,
]
