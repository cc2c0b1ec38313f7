"""Settings for the factcheck workbench: one module, configured by environment variables.

Every variable is read through a small helper that fails loudly on a value it does not
understand: DJANGO_DEBUG=maybe is an error, not False. README.md lists them all.
"""

import os
import string
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r} is not a boolean (use true or false)")


def env_int(name, default, minimum=None):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a whole number") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name}={value!r} must be at least {minimum}")
    return number


def env_float(name, default, low, high):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = float(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r} is not a number") from None
    if not low <= number <= high:
        raise ImproperlyConfigured(f"{name}={value!r} must be between {low} and {high}")
    return number


def env_choice(name, default, choices):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    if value not in choices:
        raise ImproperlyConfigured(f"{name}={value!r} must be one of: {', '.join(choices)}")
    return value


def env_list(name, default=()):
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url_template(name, fields):
    """An http(s) address with `{field}` placeholders taken from `fields` only ("" when unset)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return ""
    try:
        used = {field for _, field, _, _ in string.Formatter().parse(value) if field is not None}
        value.format(**dict.fromkeys(fields, 1))
    except (ValueError, KeyError, IndexError, AttributeError):
        used = None
    allowed = ", ".join("{" + field + "}" for field in fields)
    if used is None or not used <= set(fields):
        raise ImproperlyConfigured(f"{name}={value!r} may use only the placeholders {allowed}")
    if not value.startswith(("https://", "http://")):
        raise ImproperlyConfigured(f"{name}={value!r} must start with https:// or http://")
    return value


def env_static_file(name, folders, suffixes):
    """The path of a file under the static folders (e.g. "img/logo.svg"), "" when unset."""
    value = os.environ.get(name, "").strip()
    if not value:
        return ""
    path = Path(value)
    if path.is_absolute() or ".." in path.parts or path.suffix.lower() not in suffixes:
        raise ImproperlyConfigured(
            f"{name}={value!r} must be a path under static/ ending in {', '.join(suffixes)}"
        )
    if not any((Path(folder) / path).is_file() for folder in folders):
        raise ImproperlyConfigured(f"{name}={value!r}: no such file under static/")
    return value


def secret_key_weakness(key):
    """Why ``key`` is too weak to sign sessions in production, or "" when it is not.
    The same rules as Django's own deployment check (security.W009), applied at start."""
    if key.startswith("django-insecure-"):
        return "starts with django-insecure- (a key startproject generated for development)"
    if len(key) < 50:
        return f"has {len(key)} characters, fewer than 50"
    if len(set(key)) < 5:
        return f"has {len(set(key))} distinct characters, fewer than 5"
    return ""


DEBUG = env_bool("DJANGO_DEBUG", default=False)

_GENERATE_KEY = "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            f"DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off ({_GENERATE_KEY})"
        )
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"
elif not DEBUG and (weakness := secret_key_weakness(SECRET_KEY)):
    raise ImproperlyConfigured(f"DJANGO_SECRET_KEY is too weak: it {weakness} ({_GENERATE_KEY})")

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "csp",
    "axes",
    "factcheck",
    "factcheck.accounts",
    "factcheck.articles",
    "factcheck.claims",
    "factcheck.reviews",
    "factcheck.reports",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "factcheck.api",
    "factcheck.api.webhooks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "factcheck.middleware.HtmxLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a refused login into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factcheck.urls"
WSGI_APPLICATION = "factcheck.wsgi.application"
ASGI_APPLICATION = "factcheck.asgi.application"

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
                "factcheck.reviews.context_processors.assignments",
            ],
            "builtins": [
                "django.templatetags.i18n",
                "template_partials.templatetags.partials",
            ],
        },
    }
]

# DJANGO_DB_POOL=N: a pool of up to N PostgreSQL connections per process (Django's psycopg
# pool), for threaded workers (gunicorn --threads); sync workers reuse one connection each
# through DJANGO_DB_CONN_MAX_AGE, which a pool replaces (Django refuses both at once).
DB_POOL = env_int("DJANGO_DB_POOL", 0, minimum=0)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=0 if DB_POOL else env_int("DJANGO_DB_CONN_MAX_AGE", 60, minimum=0),
        conn_health_checks=not DB_POOL,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    if DB_POOL:
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": 1,
            "max_size": DB_POOL,
            "timeout": 10,
        }
    # Behind PgBouncer in transaction mode a cursor cannot outlive its transaction: the
    # streamed exports then read in chunks through client-side cursors.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = env_bool("DJANGO_DB_PGBOUNCER")
elif DB_POOL:
    raise ImproperlyConfigured("DJANGO_DB_POOL needs PostgreSQL (DATABASE_URL=postgres://...).")
# A read replica for exports and reports (factcheck/replica.py): only the reads inside
# `reads_from_replica()` go there; writes and every other read go to the primary.
if os.environ.get("DATABASE_REPLICA_URL", "").strip():
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"].strip(),
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["factcheck.replica.ReplicaRouter"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two tabs autosaving (or two users) must wait for each other, not fail with "database is
    # locked": readers never block the writer (WAL), a writer waits up to 20 s for the lock,
    # and every transaction takes the write lock when it starts (IMMEDIATE), so none fails
    # half-way when it tries to upgrade a read lock. WAL is set on each new connection.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: it refuses a locked-out login before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# DJANGO_STATIC_URL: where browsers fetch the static files, e.g. a CDN pulling from this
# site's /static/ (https://cdn.example.org/static/); the Content-Security-Policy below then
# allows that origin for scripts, styles, fonts and images, and nothing else.
STATIC_URL = os.environ.get("DJANGO_STATIC_URL", "").strip() or "static/"
STATIC_ORIGIN = ""
if STATIC_URL != "static/":
    _static = urlsplit(STATIC_URL)
    if _static.scheme != "https" or not _static.netloc or not STATIC_URL.endswith("/"):
        raise ImproperlyConfigured(
            f"DJANGO_STATIC_URL={STATIC_URL!r} is not an https address ending in / "
            "(e.g. https://cdn.example.org/static/)"
        )
    STATIC_ORIGIN = f"https://{_static.netloc}"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail: the console by default; SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "factcheck@localhost")

# Security. Cookies, HSTS and the proxy header are strict whenever debug is off, so that
# `manage.py check --deploy` is clean in production mode.
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the page, not the cookie
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
        # Only behind a proxy that sets this header itself and never passes a client's own.
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", *filter(None, [STATIC_ORIGIN])],
        "style-src": ["'self'", *filter(None, [STATIC_ORIGIN])],
        "img-src": ["'self'", "data:", *filter(None, [STATIC_ORIGIN])],
        "font-src": ["'self'", *filter(None, [STATIC_ORIGIN])],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Lock-out after repeated failed logins (django-axes, factcheck/accounts/lockout.py): a user name
# and, separately, an address are locked for FACTCHECK_LOGIN_LOCKOUT_MINUTES after
# FACTCHECK_LOGIN_FAILURE_LIMIT failures, whether or not the user name exists. The client's
# address is X-Forwarded-For's entry added by the nearest of FACTCHECK_TRUSTED_PROXIES proxies
# (0: the connection's own address; a client can write that header too).
FACTCHECK_LOGIN_FAILURE_LIMIT = env_int("FACTCHECK_LOGIN_FAILURE_LIMIT", 10, minimum=1)
FACTCHECK_LOGIN_LOCKOUT_MINUTES = env_int("FACTCHECK_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
FACTCHECK_TRUSTED_PROXIES = env_int("FACTCHECK_TRUSTED_PROXIES", 0, minimum=0)
AXES_FAILURE_LIMIT = FACTCHECK_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=FACTCHECK_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one reaching the limit locks
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "factcheck.accounts.lockout.client_ip"
AXES_LOCKOUT_CALLABLE = "factcheck.accounts.lockout.lockout_response"
# Failures are kept (for the admin's list); a successful login is not logged a second time.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False  # no banner at every start; lock-outs are still logged as warnings

# System checks to leave out of `manage.py check`, by id (e.g. factcheck.W001 on a build machine
# whose Python cannot be upgraded); production should silence none.
SILENCED_SYSTEM_CHECKS = env_list("DJANGO_SILENCED_SYSTEM_CHECKS")

# Reverting a claim or review to an old version from the admin's history would bypass the
# workflow and wind its version number back: history is for reading.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Everything goes to the console once: Django's own "django" handlers (a second console
# handler when DEBUG is on) are replaced by the root's, and a 403 is one line, no traceback.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"refusals_on_one_line": {"()": "factcheck.logfilters.RefusalsOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django": {"handlers": []},
        "django.request": {"filters": ["refusals_on_one_line"]},
        # django-axes: failures and lock-outs (warnings), not a line for every login.
        "axes": {"level": "WARNING"},
    },
}

# The workbench's own settings.
FACTCHECK_DEMO_PASSWORD = os.environ.get("FACTCHECK_DEMO_PASSWORD", "")
# None: the threshold tuned on the labelled data and shipped with the model's weights.
FACTCHECK_CLAIM_THRESHOLD = env_float("FACTCHECK_CLAIM_THRESHOLD", None, 0.0, 1.0)
# The proposal budget (factcheck/claims/budget.py): every sentence scoring at least HIGH is
# proposed, then the best of the rest scoring at least MIN_SCORE until the proposals make up SHARE
# of the article's sentences (at least MIN of them); the rest above MIN_SCORE are held back for
# "Show more suggestions". HIGH and MEDIUM also name the bands a proposal is shown in. SHARE is
# 0.45 for the model shipped now, whose scores bunch up: the seed article needs 12 proposals
# of its 28 sentences to have all its figure statements proposed.
FACTCHECK_PROPOSAL_HIGH = env_float("FACTCHECK_PROPOSAL_HIGH", 0.7, 0.0, 1.0)
FACTCHECK_PROPOSAL_MEDIUM = env_float("FACTCHECK_PROPOSAL_MEDIUM", 0.45, 0.0, 1.0)
FACTCHECK_PROPOSAL_MIN_SCORE = env_float("FACTCHECK_PROPOSAL_MIN_SCORE", 0.25, 0.0, 1.0)
FACTCHECK_PROPOSAL_SHARE = env_float("FACTCHECK_PROPOSAL_SHARE", 0.35, 0.0, 1.0)
FACTCHECK_PROPOSAL_MIN = env_int("FACTCHECK_PROPOSAL_MIN", 3, minimum=0)
FACTCHECK_PROPOSAL_FIGURE_MIN = env_float("FACTCHECK_PROPOSAL_FIGURE_MIN", 0.15, 0.0, 1.0)
if FACTCHECK_PROPOSAL_MEDIUM > FACTCHECK_PROPOSAL_HIGH:
    raise ImproperlyConfigured(
        f"FACTCHECK_PROPOSAL_MEDIUM={FACTCHECK_PROPOSAL_MEDIUM} must not be above "
        f"FACTCHECK_PROPOSAL_HIGH={FACTCHECK_PROPOSAL_HIGH}"
    )
FACTCHECK_REVIEWERS_MAY_PROPOSE = env_bool("FACTCHECK_REVIEWERS_MAY_PROPOSE", default=False)
FACTCHECK_MAX_ARTICLE_BYTES = env_int("FACTCHECK_MAX_ARTICLE_BYTES", 5 * 1024 * 1024, minimum=1)
FACTCHECK_FETCH_ALLOW_PRIVATE = env_bool("FACTCHECK_FETCH_ALLOW_PRIVATE", default=False)
FACTCHECK_ORGANISATION = os.environ.get("FACTCHECK_ORGANISATION", "Factcheck workbench")
# The organisation's logo on reports: a static file (e.g. "img/logo.svg" for static/img/logo.svg).
FACTCHECK_LOGO = env_static_file(
    "FACTCHECK_LOGO", [*STATICFILES_DIRS, STATIC_ROOT], [".svg", ".png", ".jpg", ".jpeg", ".webp"]
)
# Where the organisation publishes its fact-checks, for ClaimReview's `url`, e.g.
# "https://factcheck.example.org/checks/{article_id}/#claim-{claim_id}". Unset: the public
# report's address when the report is shared, else the claim's page in the workbench.
FACTCHECK_PUBLIC_URL_TEMPLATE = env_url_template(
    "FACTCHECK_PUBLIC_URL_TEMPLATE", ["article_id", "claim_id"]
)
# The site's public address, for links in e-mails sent outside a request (assignments).
FACTCHECK_SITE_URL = os.environ.get("FACTCHECK_SITE_URL", "")
# Learning from the desk (claims.scorers, `train_checkworthiness --from-desk`): where the
# CheckThat! files are, how much one accepted or dismissed claim weighs against one lab sentence,
# and how many such decisions the desk needs before retraining on them is allowed.
FACTCHECK_CHECKWORTHINESS_DATA = Path(
    os.environ.get("FACTCHECK_CHECKWORTHINESS_DATA", "").strip()
    or BASE_DIR.parent / "shared" / "data" / "checkworthiness"
)
FACTCHECK_DESK_LABEL_WEIGHT = env_float("FACTCHECK_DESK_LABEL_WEIGHT", 5.0, 0.1, 1000.0)
FACTCHECK_DESK_MIN_LABELS = env_int("FACTCHECK_DESK_MIN_LABELS", 40, minimum=2)
# Reviews: sources needed before a review can be submitted (AFP's rule is 2), and whether
# reviewers may review any open claim or only those assigned to them.
FACTCHECK_MIN_SOURCES = env_int("FACTCHECK_MIN_SOURCES", 1, minimum=0)
FACTCHECK_OPEN_REVIEW = env_bool("FACTCHECK_OPEN_REVIEW", default=False)
# Workflow: reviewers per claim for auto-assignment, and how disagreements are settled.
FACTCHECK_REVIEWS_PER_CLAIM = env_int("FACTCHECK_REVIEWS_PER_CLAIM", 2, minimum=1)
FACTCHECK_RESOLUTION_RULE = env_choice("FACTCHECK_RESOLUTION_RULE", "editor", ["editor", "panel"])
# Reports: whether reviewers may export published reports and data (editors always may), and
# whether reports name the reviewers of each claim (off: anonymous).
FACTCHECK_REVIEWERS_MAY_EXPORT = env_bool("FACTCHECK_REVIEWERS_MAY_EXPORT", default=False)
FACTCHECK_REPORT_CREDITS_REVIEWERS = env_bool("FACTCHECK_REPORT_CREDITS_REVIEWERS", default=False)
# Webhooks (factcheck/api/webhooks/, sent by `manage.py deliver_webhooks`): seconds a receiver
# has to answer, attempts before a delivery fails for good, and the back-off between attempts
# (RETRY_SECONDS * 2^(attempts - 1), at most MAX_BACKOFF_SECONDS).
FACTCHECK_WEBHOOK_TIMEOUT = env_int("FACTCHECK_WEBHOOK_TIMEOUT", 10, minimum=1)
FACTCHECK_WEBHOOK_MAX_ATTEMPTS = env_int("FACTCHECK_WEBHOOK_MAX_ATTEMPTS", 8, minimum=1)
FACTCHECK_WEBHOOK_RETRY_SECONDS = env_int("FACTCHECK_WEBHOOK_RETRY_SECONDS", 30, minimum=1)
FACTCHECK_WEBHOOK_MAX_BACKOFF_SECONDS = env_int(
    "FACTCHECK_WEBHOOK_MAX_BACKOFF_SECONDS", 6 * 3600, minimum=1
)

# Background exports (README, "Large exports"): Django's task API (the django-tasks backport
# until Django 6) with its database backend: `manage.py db_worker` runs the queued tasks, and
# no service beyond the database is needed. FACTCHECK_TASKS_BACKEND=immediate runs each task
# inside the request that queues it (one process, no worker: a development convenience, not
# for production, where a long export would hold the request). An export of more than
# FACTCHECK_EXPORT_BACKGROUND_ROWS claims becomes a job; its file is written to
# FACTCHECK_EXPORT_DIR (shared by the web and worker processes) and deleted
# FACTCHECK_EXPORT_KEEP_HOURS after it is done.
INSTALLED_APPS += ["django_tasks", "django_tasks_db"]
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {
    "default": {
        "BACKEND": _TASK_BACKENDS[
            env_choice("FACTCHECK_TASKS_BACKEND", "database", list(_TASK_BACKENDS))
        ]
    }
}
FACTCHECK_EXPORT_BACKGROUND_ROWS = env_int("FACTCHECK_EXPORT_BACKGROUND_ROWS", 5000, minimum=0)
FACTCHECK_EXPORT_DIR = Path(
    os.environ.get("FACTCHECK_EXPORT_DIR", "").strip() or BASE_DIR / "exports"
)
FACTCHECK_EXPORT_KEEP_HOURS = env_int("FACTCHECK_EXPORT_KEEP_HOURS", 24, minimum=1)


# The REST API (factcheck/api/, README: "For developers: the API"). Tokens in the Authorization
# header or the browser's session (with CSRF); cursor pagination; throttling per token (per user
# for a session, per address for the public feed) at FACTCHECK_API_THROTTLE and
# FACTCHECK_API_ANON_THROTTLE ("<number>/<second|minute|hour|day>"). The counts live in the
# default cache, which is per process unless a shared cache is configured.
def env_rate(name, default):
    value = os.environ.get(name, "").strip() or default
    number, _slash, period = value.partition("/")
    if not number.isdigit() or period not in {
        "second",
        "minute",
        "hour",
        "day",
        "s",
        "m",
        "h",
        "d",
    }:
        raise ImproperlyConfigured(f"{name}={value!r} is not a rate such as 1000/hour")
    return value


FACTCHECK_API_THROTTLE = env_rate("FACTCHECK_API_THROTTLE", "1000/hour")
FACTCHECK_API_ANON_THROTTLE = env_rate("FACTCHECK_API_ANON_THROTTLE", "100/hour")
# Where the throttling counts live: "memory" (each process counts for itself) or "database"
# (one count shared by every process and instance; `manage.py createcachetable` creates its table).
FACTCHECK_CACHE = env_choice("FACTCHECK_CACHE", "memory", ["memory", "database"])
if FACTCHECK_CACHE == "database":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "factcheck_cache",
        }
    }
# Whether /api/v1/fact-checks/ (the published claims as ClaimReview) answers without a token.
FACTCHECK_API_PUBLIC_FEED = env_bool("FACTCHECK_API_PUBLIC_FEED", default=False)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "factcheck.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "factcheck.api.permissions.IsAuthenticated",
        "factcheck.api.permissions.TokenScope",
    ],
    "DEFAULT_PAGINATION_CLASS": "factcheck.api.pagination.NewestFirst",
    "DEFAULT_THROTTLE_CLASSES": [
        "factcheck.api.throttling.TokenRateThrottle",
        "factcheck.api.throttling.AnonymousRateThrottle",
    ],
    "NUM_PROXIES": FACTCHECK_TRUSTED_PROXIES,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "factcheck.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Factcheck workbench API",
    "DESCRIPTION": (
        "Articles, claims, reviews, verdicts, sources and the published fact-checks. "
        "Send a personal token (made on your account page) as `Authorization: Bearer <token>`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}
# Choice sets that share a field name ("status" of claims and reviews, "kind" of claims and
# sources) get a name each in the schema.
SPECTACULAR_SETTINGS.setdefault("ENUM_NAME_OVERRIDES", {}).update(
    {
        "ClaimStatusEnum": "factcheck.claims.models.Claim.Status",
        "ClaimKindEnum": "factcheck.claims.models.Claim.Kind",
        "ReviewStatusEnum": "factcheck.reviews.models.Review.Status",
        "SourceKindEnum": "factcheck.reviews.models.Source.Kind",
    }
)
