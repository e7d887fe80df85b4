"""Settings for ankasam, driven by environment variables.

DJANGO_DEBUG         "1"/"true" for local development (never in production).
DJANGO_SECRET_KEY    required unless DJANGO_DEBUG is on.
DJANGO_ALLOWED_HOSTS comma-separated host names (default: localhost names only).
DATABASE_URL         e.g. postgres://user@127.0.0.1:5432/ankasam; default is a SQLite
                     file next to manage.py, the zero-setup choice.
DJANGO_MEDIA_ROOT    where uploaded images go (default: ./media).
DJANGO_MEDIA_STORAGE "local" (default) or "s3": media in a bucket (DJANGO_S3_*).
DJANGO_STAFF_IDLE_HOURS  hours of inactivity after which a staff session ends (8).
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django_prose_editor.config import html_tags
from js_asset import static_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (for example to the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`), "
            "or set DJANGO_DEBUG=1 for local development."
        )
    SECRET_KEY = "django-insecure-local-development-only"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_prose_editor",
    "js_asset",
    "django.contrib.sitemaps",
    "csp",
    "ankasam",
    "library",
    "authors",
    "articles",
    "citations",
    "wordpress",
    "editorial",
    "frontpage",
    "search",
    "pagecache",
    "printing",
    "redirects",
    "pages",
    "demo",
    "django_tasks",
    "django_tasks_db",
    # Staff sign-in: throttling and lock-out (axes), second factor (django-otp), the
    # audit trail and the sign-in pages (staff/).
    "axes",
    "django_otp",
    "staff.apps.AuthenticatorAppsConfig",  # django_otp.plugins.otp_totp
    "staff.apps.RecoveryCodesConfig",  # django_otp.plugins.otp_static
    "staff",
]

MIDDLEWARE = [
    # First, so that every response and log line (400s included) has its id.
    "ankasam.logs.RequestIdMiddleware",
    # Next: a stored page for a reader without a session is answered here, before
    # the rest of the stack; pages are stored here too, with every header.
    "pagecache.middleware.PageCacheFrontMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ankasam.headers.PermissionsPolicyMiddleware",
    # Before anything reads the request: refuses addresses with NUL or bytes that
    # are not UTF-8 (400), removes NUL from form fields, drops such cookies.
    "ankasam.request_hygiene.RequestHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "ankasam.csp.SiteCSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Turns a 404 into a 301 where a moved page's old address is recorded.
    "redirects.middleware.RedirectFallbackMiddleware",
    "wordpress.middleware.OldPostQueryMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): has this session passed a second factor?
    "django_otp.middleware.OTPMiddleware",
    # A staff member who must pass a second factor and has not is sent to it in the
    # admin and is anonymous everywhere else; idle sessions end.
    "staff.middleware.StaffSessionMiddleware",
    # Needs the user: logged-in users never read or fill the page cache. It marks
    # what the front middleware stores, and collects what each page shows.
    "pagecache.middleware.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as axes asks: turns a locked-out sign-in into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ankasam.urls"
WSGI_APPLICATION = "ankasam.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ankasam.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the worker write to one file: wait for each other
    # instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif (
    DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    and os.environ.get("DJANGO_DB_PREPARED", "1") != "0"
):
    # Prepared statements for the few reads that ask for them (ankasam.prepared),
    # never for others: no other query is run this many times. Set
    # DJANGO_DB_PREPARED=0 behind a pooler in transaction mode that cannot keep them.
    DATABASES["default"].setdefault("OPTIONS", {})["prepare_threshold"] = 2**31 - 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Rate limits (ankasam/ratelimit.py) ------------------------------------------
# (requests, seconds) per client for what costs the most to answer; reading pages
# is never limited. A reader searches a few times a minute at most.
RATE_LIMITS = {
    "search": (
        int(os.environ.get("DJANGO_SEARCH_RATE", "30")),
        60,
    ),
    "downloads": (int(os.environ.get("DJANGO_DOWNLOAD_RATE", "30")), 60),
}

# --- Background jobs (ankasam/jobs.py) -----------------------------------------------
# Django's tasks API through the django-tasks backport; the database backend keeps
# jobs in a table the worker (`python manage.py db_worker`) reads. The test suite
# runs jobs at once (DJANGO_TASKS_BACKEND, pyproject.toml), and tests the worker
# itself against the database backend.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- Cache -----------------------------------------------------------------------
# Local memory (per process) by default; Redis, shared by every process, when
# REDIS_URL is set (e.g. redis://127.0.0.1:6379/0).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # Several sites (or test runs) may share one Redis.
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "ankasam"),
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "ankasam",
        }
    )
}
PAGE_CACHE_ALIAS = "default"
# How long a stored page may stay (any content change ends it earlier).
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", 24 * 60 * 60))
# s-maxage for CDNs: 0 makes them revalidate every time (a cheap 304 from here).
PAGE_CACHE_CDN_SECONDS = int(os.environ.get("DJANGO_CDN_MAX_AGE", 0))

# --- Staff sign-in (staff/, SECURITY.md) ---------------------------------------------
# axes first: it refuses a locked-out account or address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
# Lock-out: after AXES_FAILURE_LIMIT wrong passwords for one account, or from one
# address, that account or address is refused for AXES_COOLOFF_TIME (every further
# try starts the wait again); an admin can lift it sooner (Axes > Access attempts,
# or `manage.py axes_reset_username NAME`).
AXES_FAILURE_LIMIT = int(os.environ.get("DJANGO_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(
    minutes=int(os.environ.get("DJANGO_LOGIN_LOCKOUT_MINUTES", "60"))
)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# The address as the rate limits see it (the proxy's X-Forwarded-For when
# DJANGO_BEHIND_PROXY is set), so that one address behind a proxy is not everyone.
AXES_CLIENT_IP_CALLABLE = "ankasam.ratelimit.client_address"
# The lock-out page, in the admin's language (staff/views.py).
AXES_LOCKOUT_CALLABLE = "staff.views.locked_out"
# Second factor: required for superusers, the Editor and Admin roles and anyone who
# has enrolled one (staff/policy.py); nothing in any setting turns it off.
OTP_TOTP_ISSUER = os.environ.get("DJANGO_OTP_ISSUER", "ANKASAM")
# The admin never shows a device's key, QR code or recovery codes: each member sees
# their own once, at enrolment; an admin can only remove a device.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
# Sessions: a staff session ends after this long without a request (the expiry
# slides with activity, see staff/middleware.py), and whenever the password changes
# (Django's session hash check in AuthenticationMiddleware).
STAFF_IDLE_SECONDS = int(float(os.environ.get("DJANGO_STAFF_IDLE_HOURS", "8")) * 3600)
SESSION_COOKIE_AGE = STAFF_IDLE_SECONDS

# --- Languages -------------------------------------------------------------------
# Turkish is the default and the first; English and Russian follow.
LANGUAGE_CODE = "tr"
LANGUAGES = [
    ("tr", _("Turkish")),
    ("en", _("English")),
    ("ru", _("Russian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Istanbul"

MODELTRANSLATION_DEFAULT_LANGUAGE = "tr"
MODELTRANSLATION_LANGUAGES = ("tr", "en", "ru")
# Fallbacks are a decision, never a default: an empty English title must stay empty,
# so that no Turkish text is ever shown under an English URL as if it were English.
MODELTRANSLATION_ENABLE_FALLBACKS = False
MODELTRANSLATION_AUTO_POPULATE = False

# --- Date formats ----------------------------------------------------------------
# Dates are typed as the admin's language writes them (04.11.2023 in Turkish and
# Russian, ISO 2023-11-04 in every language), and every date input says which
# format it expects: see ankasam/formats/.
FORMAT_MODULE_PATH = ["ankasam.formats"]
FORM_RENDERER = "ankasam.formats.renderer.FormRenderer"

# --- Static and media ------------------------------------------------------------
STATIC_URL = "/static/"
# The media library's figure in the rich-text editor (static/library/admin/); the
# server's allowlist is ankasam.html's, whatever the editor sends.
DJANGO_PROSE_EDITOR_EXTENSIONS = [
    {
        "js": [static_lazy("library/admin/figure.js")],
        "extensions": {
            "LibraryFigure": html_tags(
                ["figure"], {"figure": ["data-image", "data-size"]}
            )
        },
    }
]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Where uploaded images (and their renditions) live: "local" (MEDIA_ROOT, the
# zero-setup default) or "s3", a bucket on any S3-compatible service, which every
# app server shares (ankasam/storage.py; README, "Object storage").
MEDIA_STORAGE = os.environ.get("DJANGO_MEDIA_STORAGE", "local").strip().lower()
if MEDIA_STORAGE not in {"local", "s3"}:
    raise ImproperlyConfigured(
        f"DJANGO_MEDIA_STORAGE is {MEDIA_STORAGE!r}; it must be local or s3."
    )
# Uploaded files are served by Django only in development and tests; in production
# the web server in front serves MEDIA_ROOT, or the bucket serves itself.
SERVE_MEDIA = MEDIA_STORAGE == "local" and env_bool("DJANGO_SERVE_MEDIA", DEBUG)
if MEDIA_STORAGE == "s3":
    from botocore.config import Config as BotoConfig

    S3_BUCKET = os.environ.get("DJANGO_S3_BUCKET", "")
    if not S3_BUCKET:
        raise ImproperlyConfigured(
            "DJANGO_MEDIA_STORAGE is s3, but DJANGO_S3_BUCKET (the bucket's name) "
            "is not set."
        )
    S3_ENDPOINT_URL = os.environ.get("DJANGO_S3_ENDPOINT_URL", "")
    S3_CUSTOM_DOMAIN = os.environ.get("DJANGO_S3_CUSTOM_DOMAIN", "")
    S3_REGION = os.environ.get("DJANGO_S3_REGION", "")
    MEDIA_STORAGE_BACKEND = {
        "BACKEND": "ankasam.s3storage.S3MediaStorage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            # Empty means boto3's own lookup (an instance role, ~/.aws).
            "access_key": os.environ.get("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": S3_REGION or None,
            "custom_domain": S3_CUSTOM_DOMAIN or None,
            "url_protocol": os.environ.get("DJANGO_S3_URL_PROTOCOL", "https:"),
            "addressing_style": os.environ.get("DJANGO_S3_ADDRESSING_STYLE") or None,
            "location": os.environ.get("DJANGO_S3_LOCATION", ""),
            # Media are public, by unguessable names: plain addresses, which a page
            # cache may keep (signed ones would expire inside cached pages).
            "querystring_auth": False,
            "default_acl": os.environ.get("DJANGO_S3_DEFAULT_ACL") or None,
            # Never overwrite: a page or a rendition may link to the older file.
            "file_overwrite": False,
            "object_parameters": {
                "CacheControl": "public, max-age=31536000, immutable"
            },
            # An unreachable bucket fails an upload in seconds, not minutes.
            "client_config": BotoConfig(
                connect_timeout=int(os.environ.get("DJANGO_S3_CONNECT_TIMEOUT", "3")),
                read_timeout=int(os.environ.get("DJANGO_S3_READ_TIMEOUT", "20")),
                retries={"mode": "standard", "max_attempts": 2},
                signature_version="s3v4",
            ),
        },
    }
    # The origin images are served from, for the Content-Security-Policy.
    if S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [
            f"{os.environ.get('DJANGO_S3_URL_PROTOCOL', 'https:')}//{S3_CUSTOM_DOMAIN}"
        ]
    elif S3_ENDPOINT_URL:
        _endpoint = urlsplit(S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [
            f"{_endpoint.scheme}://{_endpoint.netloc}",
            f"{_endpoint.scheme}://{S3_BUCKET}.{_endpoint.netloc}",
        ]
    else:
        MEDIA_ORIGINS = [f"https://{S3_BUCKET}.s3.amazonaws.com"] + (
            [f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com"] if S3_REGION else []
        )
else:
    MEDIA_STORAGE_BACKEND = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    MEDIA_ORIGINS = []
STORAGES = {
    "default": MEDIA_STORAGE_BACKEND,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# The tabbed translation admin loads jQuery UI from a CDN by default; nothing here
# may depend on the internet, so it is vendored.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
JQUERY_URL = "admin/js/vendor/jquery/jquery.min.js"

# --- Security --------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# security.txt (RFC 9116) is served at /.well-known/security.txt when this is set,
# e.g. "mailto:security@example.org" (a false address would be worse than none).
SECURITY_CONTACT = os.environ.get("DJANGO_SECURITY_CONTACT", "")
SESSION_COOKIE_HTTPONLY = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    # Probes come over plain HTTP from inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Behind a proxy (deploy/nginx/) -----------------------------------------------
# Only when the proxy in front is the sole way in: it overwrites X-Forwarded-Proto,
# -Host and -For with what it saw (a client's own value would otherwise be trusted).
# The rate limits take the client's address from X-Forwarded-For's last hop.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY")
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    USE_X_FORWARDED_HOST = True

# No inline scripts, no third-party origins: every script, style, image and font is
# served by the site itself.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The nonce appears only where a page asks for it: the admin's rich-text
        # editor import map. Public pages never do, so they allow no inline script.
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# One line per record on standard error, with the request's id (ankasam/logs.py):
# JSON objects in production, plain text in development (DJANGO_LOG_FORMAT).
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "ankasam.logs.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level"},
        },
        "plain": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
        }
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    },
}

# Errors to Sentry (or a compatible service) when SENTRY_DSN is set; no personal
# data is sent.
if SENTRY_DSN := os.environ.get("SENTRY_DSN", ""):
    import sentry_sdk

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        environment=os.environ.get("SENTRY_ENVIRONMENT", "production"),
        send_default_pii=False,
        traces_sample_rate=float(os.environ.get("SENTRY_TRACES_SAMPLE_RATE", "0")),
    )

# --- Scholarly output (printing/, citations/links.py) ------------------------------
# The site's public origin, for what is made outside a request: the article's
# address printed in its PDF and in the suggested citation there.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "http://localhost:8000")
# The link checker (citations/links.py): a check's deadline, how often a source is
# checked again, the pause between two requests to one host. "allow" lets chosen
# non-public "address:port" pairs through: only the tests use it.
LINK_CHECK = {
    "timeout": float(os.environ.get("DJANGO_LINK_CHECK_TIMEOUT", "10")),
    "days": int(os.environ.get("DJANGO_LINK_CHECK_DAYS", "7")),
    "host_interval": float(os.environ.get("DJANGO_LINK_CHECK_HOST_INTERVAL", "2")),
    "allow": [],
}

ARTICLES_PER_PAGE = 12
SITE_NAME = "ANKASAM"
