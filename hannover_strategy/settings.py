"""Settings of the WIR SIND HANNOVER portal: one module, configured by the environment.

Environment variables (all optional for local development):

- ``DJANGO_DEBUG``: ``1``/``true`` turns debug mode on (off by default).
- ``DJANGO_SECRET_KEY``: required when debug is off outside of ``make run``/tests.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names; required in production.
- ``DJANGO_HTTPS``: ``1`` (default in production) redirects to HTTPS and marks cookies
  ``Secure``; ``0`` serves plain HTTP (``make serve`` on loopback).
- ``DJANGO_BEHIND_PROXY``: ``1`` trusts ``X-Forwarded-Proto`` from the reverse proxy;
  ``DJANGO_HSTS_SECONDS``: HSTS lifetime (default one year; sent on HTTPS only).
- ``DJANGO_FOUR_EYES``: ``1``: every change of a published entry is a change draft that
  a second person releases (default ``0``: editors choose; content/draft_admin.py).
- ``DJANGO_CACHE_URL``: ``redis://host:6379/0`` for a cache shared by several servers;
  empty: local memory of each process.
- ``DJANGO_PAGE_CACHE_SECONDS``: how long rendered public pages are kept (default 600;
  ``0`` turns the server page cache off). Any save by staff makes them obsolete at once.
- ``DJANGO_HTTP_MAX_AGE``: ``max-age`` for browsers and CDNs on public pages (default 60).
- ``DJANGO_EMAIL_HOST``, ``_PORT`` (587), ``_USER``, ``_PASSWORD``, ``_TLS`` (1): the SMTP
  server; ``DJANGO_DEFAULT_FROM_EMAIL``: the sender. Without a host, mails go to stdout.
- ``DATABASE_URL``: e.g. ``postgres://user:pass@host:5432/name``; or the
  ``DJANGO_DB_*`` variables (``ENGINE``, ``NAME``, ``USER``, ``PASSWORD``, ``HOST``,
  ``PORT``). Without either, an embedded SQLite file in ``var/`` is used.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

# A development key only for local runs (debug, tests, `make run`); production sets one.
_DEV_SECRET = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("DJANGO_LOCAL", False):
        SECRET_KEY = _DEV_SECRET
    else:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it to a long random value in production, "
            "or set DJANGO_LOCAL=1 (as `make run` and `make test` do) for a local run."
        )

LOCAL = env_bool("DJANGO_LOCAL", False)
# Production: neither debug mode nor a local run (`make run`, tests).
PRODUCTION = not DEBUG and not LOCAL

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
if not ALLOWED_HOSTS and LOCAL:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
if not ALLOWED_HOSTS and PRODUCTION:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. Set it to the public host name(s) of the portal, "
        "comma-separated, e.g. DJANGO_ALLOWED_HOSTS=strategie.hannover.de"
    )

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its tabs replace the plain fields.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.redirects",
    "reversion",
    "django_prose_editor",
    "operations.login_protection.LoginProtectionConfig",
    # Staff sign in with a second factor: an authenticator app or backup codes (signin/).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    # Ours, bottom up (imports run this way only, README, Architecture): site, shared, content…
    "operations",
    "content",
    "leitlinien",
    "handlungsfelder",
    "beteiligung",
    "dokumente",
    "umsetzung",
    "search",
    "exchange",
    "downloads",
    "portal",
    "signin",
    # Carries a database of the first layout over (one migration, no code).
    "upgrade",
]

MIDDLEWARE = [
    "operations.log.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # X-Frame-Options and the policies on every response, static files included.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every page and 304 Not Modified for a conditional GET.
    "django.middleware.http.ConditionalGetMiddleware",
    # Cached pages for anonymous visitors, before the session: a hit costs no session, no query.
    "operations.page_cache.PageCacheMiddleware",
    "operations.middleware.UnusableSessionCookieMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "operations.middleware.LanguageFromUrlOnlyMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "operations.middleware.AdminInGermanMiddleware",
    "django.middleware.common.CommonMiddleware",
    "operations.middleware.StyledClientErrorsMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "signin.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "operations.middleware.PreviewHeadersMiddleware",
    "operations.middleware.AdminEditorPolicyMiddleware",
    # Old addresses of renamed pages answer with a permanent redirect (admin: Umleitungen).
    "django.contrib.redirects.middleware.RedirectFallbackMiddleware",
    # Throttles admin login attempts; must come last.
    "axes.middleware.AxesMiddleware",
]

# `make bench` serves its baseline view from its own URLconf (bench/baseline.py).
ROOT_URLCONF = os.environ.get("DJANGO_ROOT_URLCONF", "hannover_strategy.urls")

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
                "portal.context_processors.portal",
            ],
        },
    },
]

WSGI_APPLICATION = "hannover_strategy.wsgi.application"


def _database_config() -> dict:
    if os.environ.get("DATABASE_URL"):
        config = dj_database_url.parse(
            os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
        )
        if "postgresql" in config["ENGINE"]:
            # An unreachable server is noticed within seconds, not minutes.
            config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
        return config
    if os.environ.get("DJANGO_DB_NAME"):
        return {
            "ENGINE": os.environ.get("DJANGO_DB_ENGINE", "django.db.backends.postgresql"),
            "NAME": os.environ["DJANGO_DB_NAME"],
            "USER": os.environ.get("DJANGO_DB_USER", ""),
            "PASSWORD": os.environ.get("DJANGO_DB_PASSWORD", ""),
            "HOST": os.environ.get("DJANGO_DB_HOST", ""),
            "PORT": os.environ.get("DJANGO_DB_PORT", ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJANGO_SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
        # Several processes at once (`make run` beside `make serve`, gunicorn workers):
        # readers never block the writer (WAL), a writer waits for another instead of
        # failing with "database is locked" (timeout), and a write transaction takes its
        # lock at the start, so that it cannot fail half-way (IMMEDIATE).
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        },
    }


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

SITE_ID = 1
# The public host name, used where an address must not depend on the request (sitemap).
SITE_DOMAIN = os.environ.get("DJANGO_SITE_DOMAIN", "127.0.0.1:8000")

# Admin login: django-axes locks a user name from one address after 5 failed attempts
# for 15 minutes. It stores failed attempts with their IP address until the cool-off ends
# or a successful sign-in resets them (see README).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # no log of successful sign-ins: personal data we do not need
OTP_TOTP_ISSUER = "WIR SIND HANNOVER"  # the account's name in the authenticator app

# Staff sessions end after two hours without activity and when the browser closes.
SESSION_COOKIE_AGE = 2 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The link in a password-reset mail works for 24 hours (portal/password_reset.py).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages. German is the source language, the default and the fallback; every public
# URL carries its language prefix (/de/..., /ar/...). The languages follow the most common
# home languages of Hannover's residents.
LANGUAGE_CODE = SOURCE_LANGUAGE = "de"
LANGUAGES = [
    ("de", _("German")),
    ("en", _("English")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("pl", _("Polish")),
    ("fa", _("Persian")),
]
LANGUAGES_BIDI = ["ar", "fa"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "de"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("de",)
# The admin's language tabs use jQuery UI, served by us (no CDN).
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("DJANGO_PLAIN_STATIC", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
DOCUMENT_MAX_BYTES = int(os.environ.get("DJANGO_DOCUMENT_MAX_BYTES", str(50 * 1024 * 1024)))

# E-mail (feedback to the editors, password reset); without DJANGO_EMAIL_HOST: console.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_TLS", True)
EMAIL_BACKEND = f"django.core.mail.backends.{'smtp' if EMAIL_HOST else 'console'}.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")
# Who gets feedback besides the members of the group "Redaktion" (comma-separated).
FEEDBACK_RECIPIENTS = env_list("DJANGO_FEEDBACK_RECIPIENTS")

# Security. Public pages set no cookie at all; the admin's session and CSRF cookies are
# HttpOnly, SameSite=Lax and, behind HTTPS, Secure.
HTTPS = env_bool("DJANGO_HTTPS", PRODUCTION)
SECURE_SSL_REDIRECT = HTTPS
# Load balancers may ask over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 60 * 60)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Content-Security-Policy (django-csp): every script and stylesheet comes from our own
# host; no inline script or style, no eval, no frames, no other hosts.
OUR_HOST_ONLY = ["default-src", "script-src", "style-src", "img-src", "font-src", "media-src"]
OUR_HOST_ONLY += ["connect-src", "base-uri", "form-action", "manifest-src"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **{directive: ["'self'"] for directive in OUR_HOST_ONLY},
        **{directive: ["'none'"] for directive in ("object-src", "frame-src", "frame-ancestors")},
        **({"upgrade-insecure-requests": True} if HTTPS else {}),
    }
}
# Permissions-Policy (django-permissions-policy): the portal needs no device feature.
DEVICE_FEATURES = ["accelerometer", "autoplay", "camera", "display-capture", "encrypted-media"]
DEVICE_FEATURES += ["fullscreen", "geolocation", "gyroscope", "magnetometer", "microphone"]
DEVICE_FEATURES += ["midi", "payment", "usb", "browsing-topics"]
PERMISSIONS_POLICY = {feature: [] for feature in DEVICE_FEATURES}

# Caching. One cache for the page cache, the feedback rate limit and the cache generation:
# local memory of each process by default, Redis when several servers share the work.
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "wsh",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
    }
PAGE_CACHE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_SECONDS", "600"))
FOUR_EYES = env_bool("DJANGO_FOUR_EYES", False)
# Older copies are kept this long, to be shown while the database is unreachable.
PAGE_CACHE_STALE_SECONDS = int(os.environ.get("DJANGO_PAGE_CACHE_STALE_SECONDS", "86400"))
HTTP_MAX_AGE = int(os.environ.get("DJANGO_HTTP_MAX_AGE", "60"))
PROXY_CACHE_SECONDS = int(os.environ.get("DJANGO_PROXY_CACHE_SECONDS", "1"))  # X-Accel-Expires
# With a per-process cache, several worker processes learn about a save from the time
# stamp of this file (see operations/page_cache.py).
PAGE_CACHE_STAMP = Path(
    os.environ.get("DJANGO_PAGE_CACHE_STAMP", str(BASE_DIR / "var" / "content-changed"))
)
PDF_ROOT = Path(os.environ.get("DJANGO_PDF_ROOT", str(BASE_DIR / "var" / "pdf")))  # downloads/
PDF_SECONDS = float(os.environ.get("DJANGO_PDF_SECONDS", "120"))  # to make one, in its process

# Logs: one JSON object per line on stderr, no personal data (README, Logging).
# DJANGO_LOG_REQUESTS=1 adds one line per request (method, path, status, duration).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "operations.log.JsonFormatter"}},
    "filters": {
        "without_traceback": {"()": "operations.log.WithoutTraceback"},
        "outage_one_line": {"()": "operations.log.DatabaseOutageWithoutTraceback"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["outage_one_line"],
        },
        "console_short": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["without_traceback"],
        },
    },
    "loggers": {
        # Requests for host names that are not ours (scanners): a line, no traceback.
        "django.security.DisallowedHost": {
            "handlers": ["console_short"],
            "level": "WARNING",
            "propagate": False,
        },
        "downloads": {"handlers": ["console"], "level": "INFO", "propagate": False},  # PDFs made
        # Django's own access log of 4xx/5xx duplicates ours.
        "django.server": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "operations.requests": {
            "handlers": ["console"],
            "level": "INFO" if env_bool("DJANGO_LOG_REQUESTS", PRODUCTION) else "WARNING",
            "propagate": False,
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
