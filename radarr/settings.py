"""Settings, read from the environment (RADARR_*, DATABASE_URL); every variable is in README's table."""

import hashlib
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP

from radarr.instance import load_instance_config, private_folder, private_sqlite_database, read_host_settings

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DATA_DIR = Path(env.str("RADARR_DATA_DIR", default=str(BASE_DIR / "data"))).resolve()
INSTANCE = load_instance_config(DATA_DIR)

SECRET_KEY = INSTANCE["secret_key"]
DEBUG = env.bool("RADARR_DEBUG", default=False)
ALLOWED_HOSTS = env.list("RADARR_ALLOWED_HOSTS", default=["*"])

# Settings → General (config/host) as saved, read at start as Radarr reads config.xml; a variable set
# in the environment wins over it (radarr/hostconfig.py)
HOST = read_host_settings(DATA_DIR)
RADARR_API_KEY: str = env.str("RADARR_API_KEY", default="") or INSTANCE["api_key"]
RADARR_PORT = env.int("RADARR_PORT", default=HOST.get("port", 7878))
RADARR_BIND = env.str("RADARR_BIND", default=HOST.get("bindAddress", "127.0.0.1"))
RADARR_INSTANCE_NAME = env.str("RADARR_INSTANCE_NAME", default=HOST.get("instanceName", "Radarr"))
# "" or "/radarr": every route, /api and /feed included, lives under it (reverse proxies)
_url_base = env.str("RADARR_URL_BASE", default=HOST.get("urlBase", "")).strip("/")
URL_BASE = "/" + _url_base if _url_base else ""
RADARR_TMDB_API_KEY = env.str("RADARR_TMDB_API_KEY", default="")
# requests a second to TMDB from one process (TMDB allows about 50 per IP); 0 lifts the limit
RADARR_TMDB_REQUESTS_PER_SECOND = env.float("RADARR_TMDB_REQUESTS_PER_SECOND", default=40.0)
RADARR_TMDB_URL = env.str("RADARR_TMDB_URL", default="https://api.themoviedb.org/3")
# the import list services' bases (movies/importlists.py); tests point them at a local fake
RADARR_LIST_SERVICE_URLS = {
    "imdb": "https://www.imdb.com",
    "plex": "https://discover.provider.plex.tv",
    "plextv": "https://plex.tv",
    "trakt": "https://api.trakt.tv",
    "simkl": "https://api.simkl.com",
}
# Notification services' API bases (notifications.implementations.messaging.service_url): tests point
# them at loopback fakes. Trakt's is RADARR_LIST_SERVICE_URLS["trakt"] (lists and Connect share it).
RADARR_NOTIFICATION_SERVICE_URLS = {
    "join": "https://joinjoaomgcd.appspot.com/_ah/api/messaging/v1",
    "mailgun": "https://api.mailgun.net/v3",
    "mailgun_eu": "https://api.eu.mailgun.net/v3",
    "notifiarr": "https://notifiarr.com",
    "prowl": "https://api.prowlapp.com/publicapi",
    "pushbullet": "https://api.pushbullet.com/v2",
    "pushcut": "https://api.pushcut.io/v1",
    "pushsafer": "https://www.pushsafer.com",
    "sendgrid": "https://api.sendgrid.com/v3",
    "simplepush": "https://api.simplepush.io",
    "twitter": "https://api.twitter.com",
}
# Synology's indexer command (DSM installs it here; elsewhere the one on PATH, if any)
RADARR_SYNOINDEX_PATH = env.str("RADARR_SYNOINDEX_PATH", default="/usr/syno/bin/synoindex")
# Radarr's "authentication not required for local addresses"; off unless asked for
RADARR_TRUST_LOCAL_ADDRESSES = env.bool(
    "RADARR_TRUST_LOCAL_ADDRESSES", default=HOST.get("authenticationRequired") == "disabledForLocalAddresses"
)
# forwarding headers (X-Forwarded-For/-Proto/-Host, Forwarded, X-Real-IP) are believed only when the
# direct peer is one of these addresses or networks (radarr/auth.py)
RADARR_TRUSTED_PROXIES = env.list("RADARR_TRUSTED_PROXIES", default=[])
RADARR_REDIS_URL = env.str("RADARR_REDIS_URL", default="")
# Processes (radarr/launcher.py, radarr/roles.py; RADARR_ROLE is read by the launcher): small mode runs
# the jobs in the web process's threads, one at a time, instead of a job worker of their own
RADARR_SMALL = env.bool("RADARR_SMALL", default=False)
RADARR_WEB_THREADS = env.int("RADARR_WEB_THREADS", default=8)
# how often a job worker says it is alive and queues due scheduled tasks; one silent for six beats is
# presumed dead and another settles its commands
RADARR_WORKER_HEARTBEAT_SECONDS = env.int("RADARR_WORKER_HEARTBEAT_SECONDS", default=10)
# how much lower the job worker's CPU priority is than the web server's (nice), so a library-wide job
# leaves the pages quick
RADARR_JOB_NICE = env.int("RADARR_JOB_NICE", default=5)
# Request bodies: Django's tight DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB) everywhere (413 with a JSON error),
# except the bulk endpoints that take a whole library in one array (POST movie/import, PUT and DELETE
# movie/editor): 20,000 movies as Radarr's UI sends them are about 60 MB
RADARR_BULK_BODY_MAX_SIZE = env.int("RADARR_BULK_BODY_MAX_SIZE", default=256 * 1024 * 1024)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_q",
    "axes",
    "radarr.apps.RadarrConfig",
    "notifications.apps.NotificationsConfig",
    "scenegroups.apps.ScenegroupsConfig",
    "releases.apps.ReleasesConfig",
    "movies.apps.MoviesConfig",
    "indexers.apps.IndexersConfig",
    "downloads.apps.DownloadsConfig",
    "imports.apps.ImportsConfig",
]

MIDDLEWARE = [
    "radarr.system.metrics.request_metrics_middleware",
    "movies.versioninstance.version_instance_middleware",  # /4k/api/... → /api/... as a version's instance
    "radarr.api.middleware.api_middleware",
    # before Django's: decides https (trusted proxies only) first, marks every cookie Secure last
    "radarr.auth.secure_scheme_middleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "radarr.auth.local_address_middleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # turns a login that axes refused into radarr.loginthrottle's 429
]

ROOT_URLCONF = "radarr.urls"
WSGI_APPLICATION = "radarr.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
            "builtins": [
                "django_htmx.templatetags.django_htmx",
                "radarr.templatetags.words",  # human words for internal names (radarr/humanize.py)
            ],
        },
    }
]

DATABASES = {"default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'radarr.db'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the job worker writes; IMMEDIATE takes the write lock
        # at BEGIN so two writers queue on the busy timeout instead of failing with "locked".
        # a 1 MB page cache per connection (SQLite's default is 2 MB): the web server keeps one per thread,
        # and the OS caches the file anyway
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-1024;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Kept a minute: django-q2's ORM broker looks for tasks every second, and reopening the file each
    # time (with the PRAGMAs) costs the job worker CPU at idle and ~6 MB of fragmented heap.
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    # Tests use a file, not memory: threads then share it with real locking, as the server does.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-radarr.sqlite3")}
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        private_sqlite_database(Path(DATABASES["default"]["NAME"]))  # owner-only, with its -wal and -shm
else:
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two instances (say a 1080p and a 4K one) may share one Redis: each keeps its own queue and cache keys.
INSTANCE_KEY = "radarr-" + hashlib.sha256(SECRET_KEY.encode()).hexdigest()[:10]
if RADARR_REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": RADARR_REDIS_URL,
            "KEY_PREFIX": INSTANCE_KEY,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

Q_CLUSTER = {
    "name": INSTANCE_KEY,
    "workers": env.int("RADARR_JOB_WORKERS", default=2),  # threads of our job worker (radarr.jobworker)
    # Seconds one task may run before django-q2 stops it. Our longest commands go movie by movie through
    # the whole library: a refresh (one TMDB request, ~0.2 s) or a first media-info rescan (one ffprobe,
    # ~0.2 s) of 10,000 movies takes ~35 minutes, so an hour is well above. Longer work (moving a whole
    # library to another disk) is stopped, recorded failed, and resumes when run again: refreshes pick
    # the movies still due, a folder move restarts its partial copy. Crashes do not depend on this.
    "timeout": 3600,
    # Seconds a task taken by a worker stays hidden from the others (ORM broker) before it is handed out
    # again: just above the timeout, so a running task is never handed out twice. A crashed run's taken
    # tasks are settled at the next start (radarr.commands.recover_interrupted_commands), not by this.
    "retry": 3600 + 60,
    "max_attempts": 1,  # a failed command is reported, not silently run again
    "catch_up": False,  # after downtime run each scheduled task once, not once per missed slot
    "save_limit": 500,
    "ack_failures": True,
    "poll": 1.0,
    "label": "Jobs",
}
if RADARR_REDIS_URL:
    Q_CLUSTER["redis"] = RADARR_REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "movies:index"
LOGOUT_REDIRECT_URL = "login"
# Failed logins (radarr/loginthrottle.py, django-axes): the limit per address (a user name gets four
# times as many from all addresses), counted while failures follow each other within the lockout time.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out login before any hashing
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("RADARR_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("RADARR_LOGIN_LOCKOUT_MINUTES", default=5))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]  # the order LoginThrottleHandler reads
AXES_HANDLER = "radarr.loginthrottle.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "radarr.auth.client_ip"  # proxies believed only when trusted
AXES_USERNAME_CALLABLE = "radarr.loginthrottle.attempted_username"
AXES_LOCKOUT_CALLABLE = "radarr.loginthrottle.lockout_response"
AXES_RESET_ON_SUCCESS = True
# a refused attempt writes nothing: hammering a locked login stays cheap, and the lockout ends on time
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not kept forever
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["username"]  # logged masked (a password typed there); the address is not
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "radarr_session"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "radarr_csrftoken"
CSRF_TRUSTED_ORIGINS = env.list("RADARR_CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "SAMEORIGIN"
# Django's own CSP (6.0+, what django-csp became): no inline scripts, styles or handlers anywhere;
# page behaviour lives in static/js. Posters on the Add page and collections come from TMDB's servers.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True

STATIC_URL = f"{URL_BASE}/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Without collectstatic (a fresh clone, tests) whitenoise serves straight from the finders.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

LOG_DIR = private_folder(DATA_DIR / "logs")
# Radarr's levels are info, debug and trace; Python has no trace, so it logs as debug
LOG_LEVEL = (
    env.str("RADARR_LOG_LEVEL", default=HOST.get("logLevel", "info")).upper().replace("TRACE", "DEBUG")
)
LOG_SIZE_LIMIT_MB = HOST.get("logSizeLimit", 1)
CONSOLE_LOG_LEVEL = (HOST.get("consoleLogLevel") or LOG_LEVEL).upper().replace("TRACE", "DEBUG")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"secrets": {"()": "radarr.system.logs.SecretFilter"}},
    "formatters": {
        "file": {"()": "radarr.system.logs.LineFormatter"},
        "console": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "file": {
            "class": "radarr.instance.PrivateRotatingFileHandler",  # owner-only files
            "filename": str(LOG_DIR / "radarr.txt"),
            "maxBytes": LOG_SIZE_LIMIT_MB * 1_048_576,
            "backupCount": 5,
            "encoding": "utf-8",
            "formatter": "file",
            "filters": ["secrets"],
        },
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "console",
            "filters": ["secrets"],
            "level": CONSOLE_LOG_LEVEL,
        },
    },
    "root": {"handlers": ["file", "console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "urllib3": {"level": "WARNING"},
        "axes": {"level": "WARNING"},  # failures and lockouts; not each step of its bookkeeping
    },
}

RADARR_VERSION = "0.1.0"
# What clients are told (system/status.version, X-Application-Version): a Radarr-like four-part number.
# Recyclarr needs >= 5.9.0.9049 for full quality sizes, Prowlarr >= 4.0.4, Bazarr >= 4.
RADARR_COMPAT_VERSION = "6.1.0.10000"

# Composition root: lower apps call these higher-app functions by dotted path (STYLE's one-way imports).
RADARR_MOVIE_FOLDER_NAMER = "imports.naming.movie_folder_namer"  # new movie folders: the user's format
# version name -> the suffix of its file in the movie's folder: scans assign such files to the version
RADARR_VERSION_SUFFIX_NAMER = "imports.naming.version_suffix_namer"
# after a folder scan: the missing-file history, media info, extras
RADARR_MOVIE_SCAN_HOOKS = ["imports.rescan.after_movie_scans"]
RADARR_AVAILABILITY_DELAY = "indexers.options.availability_delay_days"  # Settings → Indexers, in days
# after every CheckHealth run, with the current issues: Health / HealthRestored notifications
RADARR_HEALTH_HOOKS = ["notifications.health.health_changed"]
RADARR_RECYCLE_BIN = "imports.options.recycle_bin_folder"  # where a deleted movie's folder goes
# the apps' sections of /metrics, in the order they are shown (radarr's own tasks and health follow)
RADARR_METRICS = [
    "movies.metrics.library_lines",
    "downloads.metrics.queue_lines",
    "indexers.metrics.indexer_lines",
    "downloads.metrics.download_client_lines",
]
RADARR_LANGUAGES = "releases.languages.LANGUAGES"  # Radarr's language table (UI settings offer it)
RADARR_PARSE_MOVIE = "indexers.parsedmovies.parsed_movie"  # GET /api/v3/parse: the library movie of a title
