"""The resources of our v3 API, under the names Radarr gives them, in the notation of `notation.py`.

Properties we add to Radarr's shapes start with `+`; whole resources Radarr does not have are
declared with `extension=True`. Every resource also accepts properties it does not list (Radarr's
binder ignores them), so a client that sends back what it read is never refused for the extras.
"""

from typing import Any

from radarr.api.openapi.notation import EXTENSION, enum_schema, object_schema

_PROVIDER = (
    "id:int32 name:string fields:[Field] implementationName:string implementation:string "
    "configContract:string infoLink:string message:ProviderMessage tags:[int32] "
)
_PAGING = "page:int32 pageSize:int32 sortKey:string sortDirection:SortDirection totalRecords:int32 "

_OBJECTS: dict[str, str] = {
    # errors (Radarr's shapes, not listed in Radarr's own document)
    "ErrorResource": "message:string description:string",
    "ValidationFailureResource": (
        "propertyName:string errorMessage:string attemptedValue:any severity:string errorCode:string "
        "isWarning:bool"
    ),
    "ProviderTestResult": "id:int32 isValid:bool validationFailures:[ValidationFailureResource]",
    # shared parts
    "Language": "id:int32 name:string",
    "Quality": "id:int32 name:string source:string resolution:int32 modifier:string",
    "Revision": "version:int32 real:int32 isRepack:bool",
    "QualityModel": "quality:Quality revision:Revision",
    "MediaCover": "coverType:string url:string remoteUrl:string",
    "RatingChild": "votes:int32 value:double type:string",
    "Ratings": "imdb:RatingChild tmdb:RatingChild metacritic:RatingChild rottenTomatoes:RatingChild",
    "SelectOption": "value:any name:string order:int32 hint:string dividerAfter:bool",
    "Field": (
        "order:int32 name:string label:string unit:string helpText:string helpTextWarning:string "
        "helpLink:string value:any type:string advanced:bool selectOptions:[SelectOption] "
        "selectOptionsProviderAction:string section:string hidden:string privacy:string placeholder:string "
        "isFloat:bool"
    ),
    "ProviderMessage": "message:string type:string",
    # movies
    "AlternativeTitleResource": (
        "id:int32 sourceType:string movieMetadataId:int32 title:string cleanTitle:string"
    ),
    "MovieCollectionResource": "title:string tmdbId:int32",
    "AddMovieOptions": (
        "ignoreEpisodesWithFiles:bool ignoreEpisodesWithoutFiles:bool monitor:MonitorTypes "
        "searchForMovie:bool addMethod:AddMovieMethod"
    ),
    "MovieStatisticsResource": "movieFileCount:int32 sizeOnDisk:int64 releaseGroups:[string]",
    "MovieResource": (
        "id:int32 title:string originalTitle:string originalLanguage:Language "
        "alternateTitles:[AlternativeTitleResource] secondaryYear:int32 secondaryYearSourceId:int32 "
        "sortTitle:string sizeOnDisk:int64 status:MovieStatusType overview:string inCinemas:datetime "
        "physicalReleaseNote:string "
        "physicalRelease:datetime digitalRelease:datetime releaseDate:datetime images:[MediaCover] "
        "website:string remotePoster:string year:int32 youTubeTrailerId:string studio:string path:string "
        "qualityProfileId:int32 hasFile:bool movieFileId:int32 monitored:bool "
        "minimumAvailability:MovieStatusType isAvailable:bool folderName:string runtime:int32 "
        "cleanTitle:string imdbId:string tmdbId:int32 titleSlug:string rootFolderPath:string folder:string "
        "certification:string genres:[string] keywords:[string] tags:[int32] added:datetime "
        "addOptions:AddMovieOptions ratings:Ratings movieFile:MovieFileResource "
        "collection:MovieCollectionResource popularity:double lastSearchTime:datetime "
        "statistics:MovieStatisticsResource +versions:[MovieVersionResource] +versionTemplateIds:[int32]"
    ),
    "MovieResourcePagingResource": _PAGING + "records:[MovieResource]",
    "MovieEditorResource": (
        "movieIds:[int32] monitored:bool qualityProfileId:int32 minimumAvailability:MovieStatusType "
        "rootFolderPath:string tags:[int32] applyTags:ApplyTags moveFiles:bool deleteFiles:bool "
        "addImportExclusion:bool +versionTemplateId:int32"
    ),
    "MediaInfoResource": (
        "audioBitrate:int64 audioChannels:double audioCodec:string audioLanguages:string "
        "audioStreamCount:int32 videoBitDepth:int32 videoBitrate:int64 videoCodec:string videoFps:double "
        "videoDynamicRange:string videoDynamicRangeType:string resolution:string runTime:string "
        "scanType:string subtitles:string"
    ),
    "MovieFileResource": (
        "id:int32 movieId:int32 relativePath:string path:string size:int64 dateAdded:datetime "
        "sceneName:string releaseGroup:string edition:string languages:[Language] quality:QualityModel "
        "customFormats:[CustomFormatResource] customFormatScore:int32 indexerFlags:int32 "
        "mediaInfo:MediaInfoResource originalFilePath:string qualityCutoffNotMet:bool"
    ),
    "MovieFileListResource": (
        "movieFileIds:[int32] languages:[Language] quality:QualityModel edition:string releaseGroup:string "
        "sceneName:string indexerFlags:int32"
    ),
    "CreditResource": (
        "id:int32 personName:string creditTmdbId:string personTmdbId:int32 movieMetadataId:int32 "
        "images:[MediaCover] department:string job:string character:string order:int32 type:CreditType"
    ),
    "CustomFilterResource": "id:int32 type:string label:string filters:[object]",
    "IndexerFlagResource": "id:int32 name:string nameLower:string",
    # shapes Radarr answers without declaring them in its document
    "LocalizationResource": "Strings:{string}",
    "MovieFolderResource": "folder:string",
    "FileSystemEntry": (
        "type:FileSystemEntityType name:string path:string lastModified:datetime extension:string size:int64"
    ),
    "FileSystemResource": "parent:string directories:[FileSystemEntry] files:[FileSystemEntry]",
    "FileSystemTypeResource": "type:FileSystemEntityType",
    "MediaFileResource": "path:string relativePath:string name:string",
    "LocalizationLanguageResource": "identifier:string",
    "UpdateChanges": "new:[string] fixed:[string]",
    "UpdateResource": (
        "id:int32 version:string branch:string releaseDate:datetime fileName:string url:string "
        "installed:bool installedOn:datetime installable:bool latest:bool changes:UpdateChanges hash:string"
    ),
    "ExtraFileResource": (
        "id:int32 movieId:int32 movieFileId:int32 relativePath:string extension:string "
        "languageTags:[string] title:string type:string"
    ),
    "RenameMovieResource": "movieId:int32 movieFileId:int32 existingPath:string newPath:string",
    "UnmappedFolder": "name:string path:string relativePath:string",
    "RootFolderResource": (
        "id:int32 path:string accessible:bool freeSpace:int64 unmappedFolders:[UnmappedFolder]"
    ),
    "TagResource": "id:int32 label:string",
    "AutoTaggingSpecificationSchema": (
        "id:int32 name:string implementation:string implementationName:string negate:bool required:bool "
        "fields:[Field]"
    ),
    "AutoTaggingResource": (
        "id:int32 name:string removeTagsAutomatically:bool tags:[int32] "
        "specifications:[AutoTaggingSpecificationSchema]"
    ),
    "TagDetailsResource": (
        "id:int32 label:string delayProfileIds:[int32] importListIds:[int32] notificationIds:[int32] "
        "releaseProfileIds:[int32] indexerIds:[int32] downloadClientIds:[int32] autoTagIds:[int32] "
        "movieIds:[int32]"
    ),
    "CollectionMovieResource": (
        "tmdbId:int32 imdbId:string title:string cleanTitle:string sortTitle:string status:MovieStatusType "
        "overview:string runtime:int32 images:[MediaCover] year:int32 ratings:Ratings genres:[string] "
        "folder:string isExisting:bool isExcluded:bool"
    ),
    "CollectionResource": (
        "id:int32 title:string sortTitle:string tmdbId:int32 images:[MediaCover] overview:string "
        "monitored:bool rootFolderPath:string qualityProfileId:int32 searchOnAdd:bool "
        "minimumAvailability:MovieStatusType movies:[CollectionMovieResource] missingMovies:int32 "
        "tags:[int32] +versionTemplateIds:[int32]"
    ),
    "CollectionUpdateResource": (
        "collectionIds:[int32] monitored:bool monitorMovies:bool searchOnAdd:bool qualityProfileId:int32 "
        "rootFolderPath:string minimumAvailability:MovieStatusType"
    ),
    "ImportListExclusionResource": _PROVIDER
    + "presets:[object] tmdbId:int32 movieTitle:string movieYear:int32",
    "ImportListExclusionResourcePagingResource": _PAGING + "records:[ImportListExclusionResource]",
    "ImportListExclusionBulkResource": "ids:[int32]",
    "DiskSpaceResource": "id:int32 path:string label:string freeSpace:int64 totalSpace:int64",
    # releases: formats, profiles, definitions, parsing
    "CustomFormatSpecificationSchema": (
        "id:int32 name:string implementation:string implementationName:string infoLink:string negate:bool "
        "required:bool fields:[Field] presets:[CustomFormatSpecificationSchema]"
    ),
    "CustomFormatResource": (
        "id:int32 name:string includeCustomFormatWhenRenaming:bool "
        "specifications:[CustomFormatSpecificationSchema]"
    ),
    "CustomFormatBulkResource": "ids:[int32] includeCustomFormatWhenRenaming:bool",
    "QualityProfileQualityItemResource": (
        "id:int32 name:string quality:Quality items:[QualityProfileQualityItemResource] allowed:bool"
    ),
    "ProfileFormatItemResource": "format:int32 name:string score:int32",
    "QualityProfileResource": (
        "id:int32 name:string upgradeAllowed:bool cutoff:int32 items:[QualityProfileQualityItemResource] "
        "minFormatScore:int32 cutoffFormatScore:int32 minUpgradeFormatScore:int32 "
        "formatItems:[ProfileFormatItemResource] language:Language +sceneGroupReputationPoints:int32 "
        "+upgradeWindowDays:int32(0..36500) +cutoffFormatId:int32"
    ),
    "DelayProfileResource": (
        "id:int32 enableUsenet:bool enableTorrent:bool preferredProtocol:DownloadProtocol usenetDelay:int32 "
        "torrentDelay:int32 bypassIfHighestQuality:bool bypassIfAboveCustomFormatScore:bool "
        "minimumCustomFormatScore:int32 order:int32 tags:[int32]"
    ),
    "ReleaseProfileResource": (
        "id:int32 name:string enabled:bool required:[string] ignored:[string] indexerId:int32 tags:[int32]"
    ),
    "LanguageResource": "id:int32 name:string nameLower:string",
    "QualityDefinitionResource": (
        "id:int32 quality:Quality title:string weight:int32 minSize:double maxSize:double "
        "preferredSize:double"
    ),
    "QualityDefinitionLimitsResource": "min:int32 max:int32",
    "ParsedMovieInfo": (
        "movieTitles:[string] originalTitle:string releaseTitle:string simpleReleaseTitle:string "
        "quality:QualityModel languages:[Language] releaseGroup:string releaseHash:string edition:string "
        "year:int32 imdbId:string tmdbId:int32 hardcodedSubs:string movieTitle:string "
        "primaryMovieTitle:string"
    ),
    "ParseResource": (
        "title:string parsedMovieInfo:ParsedMovieInfo movie:MovieResource languages:[Language] "
        "customFormats:[CustomFormatResource] customFormatScore:int32"
    ),
    # indexers and releases
    "IndexerResource": _PROVIDER
    + (
        "presets:[IndexerResource] enableRss:bool enableAutomaticSearch:bool enableInteractiveSearch:bool "
        "supportsRss:bool supportsSearch:bool protocol:DownloadProtocol priority:int32 downloadClientId:int32"
    ),
    "IndexerBulkResource": (
        "ids:[int32] tags:[int32] applyTags:ApplyTags enableRss:bool enableAutomaticSearch:bool "
        "enableInteractiveSearch:bool priority:int32"
    ),
    "IndexerConfigResource": (
        "id:int32 minimumAge:int32 maximumSize:int32 retention:int32 rssSyncInterval:int32 "
        "preferIndexerFlags:bool availabilityDelay:int32 allowHardcodedSubs:bool "
        "whitelistedHardcodedSubs:string"
    ),
    "ReleaseResource": (
        "id:int32 guid:string quality:QualityModel customFormats:[CustomFormatResource] "
        "customFormatScore:int32 qualityWeight:int32 age:int32 ageHours:double ageMinutes:double size:int64 "
        "indexerId:int32 indexer:string releaseGroup:string releaseHash:string title:string sceneSource:bool "
        "movieTitles:[string] languages:[Language] mappedMovieId:int32 approved:bool "
        "temporarilyRejected:bool rejected:bool tmdbId:int32 imdbId:int32 rejections:[string] "
        "publishDate:datetime commentUrl:string downloadUrl:string infoUrl:string movieRequested:bool "
        "downloadAllowed:bool releaseWeight:int32 edition:string magnetUrl:string infoHash:string "
        "seeders:int32 leechers:int32 protocol:DownloadProtocol indexerFlags:any movieId:int32"
    ),
    # downloads
    "DownloadClientResource": _PROVIDER
    + (
        "presets:[DownloadClientResource] enable:bool protocol:DownloadProtocol priority:int32 "
        "removeCompletedDownloads:bool removeFailedDownloads:bool"
    ),
    "DownloadClientBulkResource": (
        "ids:[int32] tags:[int32] applyTags:ApplyTags enable:bool priority:int32 "
        "removeCompletedDownloads:bool removeFailedDownloads:bool"
    ),
    "DownloadClientConfigResource": (
        "id:int32 downloadClientWorkingFolders:string enableCompletedDownloadHandling:bool "
        "checkForFinishedDownloadInterval:int32 autoRedownloadFailed:bool "
        "autoRedownloadFailedFromInteractiveSearch:bool +stalledAfterMinutes:int32 +stalledWhenNoSeeds:bool"
    ),
    "RemotePathMappingResource": "id:int32 host:string remotePath:string localPath:string",
    "TrackedDownloadStatusMessage": "title:string messages:[string]",
    "QueueResource": (
        "id:int32 movieId:int32 movie:MovieResource languages:[Language] quality:QualityModel "
        "customFormats:[CustomFormatResource] customFormatScore:int32 size:double title:string "
        "estimatedCompletionTime:datetime added:datetime status:string trackedDownloadStatus:string "
        "trackedDownloadState:string statusMessages:[TrackedDownloadStatusMessage] errorMessage:string "
        "downloadId:string protocol:DownloadProtocol downloadClient:string "
        "downloadClientHasPostImportCategory:bool indexer:string outputPath:string sizeleft:double "
        "timeleft:string"
    ),
    "QueueResourcePagingResource": _PAGING + "records:[QueueResource]",
    "QueueBulkResource": "ids:[int32]",
    "QueueStatusResource": (
        "id:int32 totalCount:int32 count:int32 unknownCount:int32 errors:bool warnings:bool "
        "unknownErrors:bool unknownWarnings:bool"
    ),
    "HistoryResource": (
        "id:int32 movieId:int32 sourceTitle:string languages:[Language] quality:QualityModel "
        "customFormats:[CustomFormatResource] customFormatScore:int32 qualityCutoffNotMet:bool "
        "date:datetime downloadId:string eventType:MovieHistoryEventType data:{string} movie:MovieResource"
    ),
    "HistoryResourcePagingResource": _PAGING + "records:[HistoryResource]",
    "BlocklistResource": (
        "id:int32 movieId:int32 sourceTitle:string languages:[Language] quality:QualityModel "
        "customFormats:[CustomFormatResource] date:datetime protocol:DownloadProtocol indexer:string "
        "message:string movie:MovieResource"
    ),
    "BlocklistResourcePagingResource": _PAGING + "records:[BlocklistResource]",
    "BlocklistBulkResource": "ids:[int32]",
    # imports and media management
    "ImportRejectionResource": "reason:string type:string",
    "ManualImportResource": (
        "id:int32 path:string relativePath:string folderName:string name:string size:int64 "
        "movie:MovieResource +movieId:int32 releaseGroup:string quality:QualityModel languages:[Language] "
        "qualityWeight:int32 downloadId:string customFormats:[CustomFormatResource] customFormatScore:int32 "
        "indexerFlags:int32 rejections:[ImportRejectionResource]"
    ),
    "ManualImportReprocessResource": (
        "id:int32 path:string movieId:int32 quality:QualityModel languages:[Language] releaseGroup:string "
        "downloadId:string indexerFlags:int32"
    ),
    "NamingConfigResource": (
        "id:int32 renameMovies:bool replaceIllegalCharacters:bool colonReplacementFormat:string "
        "standardMovieFormat:string movieFolderFormat:string +versionSuffixFormat:string"
    ),
    "NamingExampleResource": "movieExample:string movieFolderExample:string",
    "MediaManagementConfigResource": (
        "id:int32 autoUnmonitorPreviouslyDownloadedMovies:bool recycleBin:string recycleBinCleanupDays:int32 "
        "downloadPropersAndRepacks:string createEmptyMovieFolders:bool deleteEmptyFolders:bool "
        "fileDate:string rescanAfterRefresh:string autoRenameFolders:bool pathsDefaultStatic:bool "
        "setPermissionsLinux:bool chmodFolder:string chownGroup:string skipFreeSpaceCheckWhenImporting:bool "
        "minimumFreeSpaceWhenImporting:int32 copyUsingHardlinks:bool useScriptImport:bool "
        "scriptImportPath:string importExtraFiles:bool extraFileExtensions:string enableMediaInfo:bool"
    ),
    # notifications
    "NotificationResource": _PROVIDER
    + (
        "presets:[NotificationResource] link:string onGrab:bool onDownload:bool onUpgrade:bool "
        "onRename:bool onMovieAdded:bool onMovieDelete:bool onMovieFileDelete:bool "
        "onMovieFileDeleteForUpgrade:bool onHealthIssue:bool includeHealthWarnings:bool "
        "onHealthRestored:bool onApplicationUpdate:bool onManualInteractionRequired:bool "
        "supportsOnGrab:bool supportsOnDownload:bool supportsOnUpgrade:bool supportsOnRename:bool "
        "supportsOnMovieAdded:bool supportsOnMovieDelete:bool supportsOnMovieFileDelete:bool "
        "supportsOnMovieFileDeleteForUpgrade:bool supportsOnHealthIssue:bool supportsOnHealthRestored:bool "
        "supportsOnApplicationUpdate:bool supportsOnManualInteractionRequired:bool testCommand:string"
    ),
    "NotificationBulkResource": "ids:[int32] tags:[int32] applyTags:ApplyTags",
    # system
    "ApiInfoResource": "current:string deprecated:[string]",
    "SystemResource": (
        "appName:string instanceName:string version:string buildTime:datetime isDebug:bool "
        "isProduction:bool isAdmin:bool isUserInteractive:bool startupPath:string appData:string "
        "osName:string osVersion:string isNetCore:bool isLinux:bool isOsx:bool isWindows:bool isDocker:bool "
        "mode:string branch:string databaseType:string databaseVersion:string authentication:string "
        "migrationVersion:int32 urlBase:string runtimeVersion:string runtimeName:string startTime:datetime "
        "packageVersion:string packageAuthor:string packageUpdateMechanism:string "
        "packageUpdateMechanismMessage:string"
    ),
    "HealthResource": "id:int32 source:string type:string message:string wikiUrl:string",
    "TaskResource": (
        "id:int32 name:string taskName:string interval:int32 lastExecution:datetime lastStartTime:datetime "
        "nextExecution:datetime lastDuration:string"
    ),
    "CommandResource": (
        "id:int32 name!:string commandName:string message:string body:object priority:string status:string "
        "result:string queued:datetime started:datetime ended:datetime duration:string exception:string "
        "trigger:string clientUserAgent:string stateChangeTime:datetime sendUpdatesToClient:bool "
        "updateScheduledTask:bool lastExecutionTime:datetime"
    ),
    "LogResource": (
        "id:int32 time:datetime exception:string exceptionType:string level:string logger:string "
        "message:string method:string"
    ),
    "LogResourcePagingResource": _PAGING + "records:[LogResource]",
    "LogFileResource": (
        "id:int32 filename:string lastWriteTime:datetime contentsUrl:string downloadUrl:string"
    ),
    "BackupResource": "id:int32 name:string path:string type:string size:int64 time:datetime",
    "BackupUploadResource": "file!:binary",
    "HostConfigResource": (
        "id:int32 bindAddress:string port:int32 sslPort:int32 enableSsl:bool launchBrowser:bool "
        "authenticationMethod:AuthenticationType authenticationRequired:AuthenticationRequiredType "
        "analyticsEnabled:bool username:string password:string passwordConfirmation:string "
        "logLevel:string logSizeLimit:int32 consoleLogLevel:string branch:string apiKey:string "
        "sslCertPath:string sslCertPassword:string urlBase:string instanceName:string "
        "applicationUrl:string updateAutomatically:bool updateMechanism:UpdateMechanism "
        "updateScriptPath:string proxyEnabled:bool proxyType:ProxyType proxyHostname:string "
        "proxyPort:int32 proxyUsername:string proxyPassword:string proxyBypassFilter:string "
        "proxyBypassLocalAddresses:bool certificateValidation:CertificateValidationType "
        "backupFolder:string backupInterval:int32 backupRetention:int32 trustCgnatIpAddresses:bool"
    ),
    "MetadataResource": _PROVIDER + "presets:[MetadataResource] enable:bool",
    # import lists (issue 19)
    "ImportListResource": _PROVIDER
    + (
        "presets:[ImportListResource] enabled:bool enableAuto:bool monitor:MonitorTypes "
        "rootFolderPath:string qualityProfileId:int32 searchOnAdd:bool minimumAvailability:MovieStatusType "
        "listType:ImportListType "
        "listOrder:int32 minRefreshInterval:string +versionTemplateIds:[int32]"
    ),
    "ImportListBulkResource": (
        "ids:[int32] tags:[int32] applyTags:ApplyTags enabled:bool enableAuto:bool rootFolderPath:string "
        "qualityProfileId:int32 minimumAvailability:MovieStatusType"
    ),
    "ImportListConfigResource": "id:int32 listSyncLevel:string +listSyncTag:int32",
    "MetadataConfigResource": "id:int32 certificationCountry:TMDbCountryCode",
    "UiConfigResource": (
        "id:int32 firstDayOfWeek:int32 calendarWeekColumnHeader:string movieRuntimeFormat:string "
        "shortDateFormat:string longDateFormat:string timeFormat:string showRelativeDates:bool "
        "enableColorImpairedMode:bool movieInfoLanguage:int32 uiLanguage:int32 theme:string"
    ),
}

# Ours alone: scene-group reputation (issue 9), change previews (issue 22)
_EXTENSION_OBJECTS: dict[str, str] = {
    # what the lists named that the library lacks (Radarr's ImportListMoviesResource, undeclared there)
    "ImportListMoviesResource": (
        "tmdbId:int32 imdbId:string title:string sortTitle:string year:int32 overview:string "
        "status:MovieStatusType inCinemas:datetime images:[MediaCover] remotePoster:string "
        "genres:[string] ratings:Ratings popularity:double lists:[int32] isExcluded:bool isExisting:bool "
        "isTrending:bool isPopular:bool isRecommendation:bool"
    ),
    # clean library as a dry run (issue 19)
    "ImportListCleanPreviewResource": (
        "listSyncLevel:string wouldAct:bool blockedReason:string movies:[ImportListCleanPreviewMovie] "
        "skipped:[ImportListCleanPreviewMovie]"
    ),
    "ImportListCleanPreviewMovie": "movieId:int32 title:string year:int32 action:string reason:string",
    # several versions of a movie (issue 21): a version as the movie's `versions` array lists it (id 0: the
    # primary version, the movie itself, whose file is the movie's movieFile; movieFileId and templateId
    # 0: none; an extra version's movieFile only from /movie/{id}/version), and the templates that add them
    "MovieVersionResource": (
        "id:int32 name:string isPrimary:bool qualityProfileId:int32 rootFolderPath:string path:string "
        "monitored:bool minimumAvailability:MovieStatusType edition:string hasFile:bool sizeOnDisk:int64 "
        "movieFileId:int32 movieFile:MovieFileResource templateId:int32"
    ),
    "VersionTemplateResource": (
        "id:int32 name:string urlBase:string qualityProfileId:int32 rootFolderPath:string "
        "minimumAvailability:MovieStatusType monitored:bool edition:string apiKey:string"
    ),
    "SceneGroupResource": (
        "name:string score:double confidence:SceneGroupConfidence releases:int32 indexers:[string] "
        "lastSeen:datetime pinned:bool"
    ),
    "SceneGroupFactorResource": "name:string score:double weight:int32 evidence:string",
    "SceneGroupDetailResource": (
        "name:string score:double confidence:SceneGroupConfidence releases:int32 indexers:[string] "
        "lastSeen:datetime pinned:bool learnedScore:double pinNote:string factors:[SceneGroupFactorResource]"
    ),
    "SceneGroupPinResource": "pinned!:bool score:int32(0..100) pinNote:string",
    # a profile or custom format change previewed before saving (issue 22)
    "ChangePreviewResource": (
        "filesChecked:int32 newlyCutoffUnmet:[ChangePreviewFileResource] "
        "noLongerCutoffUnmet:[ChangePreviewFileResource] queueChecked:int32 "
        "queueRejected:[ChangePreviewQueueResource]"
    ),
    "ChangePreviewFileResource": (
        "movieId:int32 title:string year:int32 quality:string customFormatScoreBefore:int32 "
        "customFormatScoreAfter:int32"
    ),
    "ChangePreviewQueueResource": (
        "title:string movieId:int32 movieTitle:string source:string "
        "rejections:[ChangePreviewRejectionResource]"
    ),
    "ChangePreviewRejectionResource": "reason:string message:string",
}

_ENUMS: dict[str, str] = {
    "AddMovieMethod": "manual list collection",
    "ApplyTags": "add remove replace",
    "CreditType": "cast crew",
    "FileSystemEntityType": "drive folder file",  # undeclared in Radarr's document, as its three shapes
    "CalendarReleaseType": "cinemaRelease digitalRelease physicalRelease",
    "DownloadProtocol": "unknown usenet torrent",
    "MonitorTypes": "movieOnly movieAndCollection none",
    "MovieHistoryEventType": (
        "unknown grabbed downloadFolderImported downloadFailed movieFileDeleted movieFolderImported "
        "movieFileRenamed downloadIgnored"
    ),
    "MovieStatusType": "tba announced inCinemas released deleted",
    "SortDirection": "default ascending descending",
    "AuthenticationType": "none basic forms external",
    "AuthenticationRequiredType": "enabled disabledForLocalAddresses",
    "ProxyType": "http socks4 socks5",
    "CertificateValidationType": "enabled disabledForLocalAddresses disabled",
    "UpdateMechanism": "builtIn script external apt docker",
    "ImportListType": "program tmdb trakt plex simkl other advanced",
    "TMDbCountryCode": "au br ca fr de gb in ie it nz ro es us",
}
_EXTENSION_ENUMS: dict[str, str] = {"SceneGroupConfidence": "low medium high"}


def component_schemas() -> dict[str, Any]:
    schemas: dict[str, Any] = {name: enum_schema(values) for name, values in _ENUMS.items()}
    schemas |= {name: object_schema(declaration) for name, declaration in _OBJECTS.items()}
    schemas |= {name: object_schema(text, extension=True) for name, text in _EXTENSION_OBJECTS.items()}
    schemas |= {name: enum_schema(values) | {EXTENSION: True} for name, values in _EXTENSION_ENUMS.items()}
    return dict(sorted(schemas.items()))
