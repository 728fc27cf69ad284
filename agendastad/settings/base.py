"""Settings shared by every environment. Values that differ per machine come from the environment."""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    # The admin panel at /beheer/, signing in through allauth and requiring two-factor authentication.
    "agendastad.pages.apps.AgendaStadAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "django_filters",
    "simple_history",
    "csp",
    # The read-only JSON API (agendastad/api, docs/api.md): its OpenAPI schema and the Swagger UI files it serves.
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # Our floors, bottom to top (docs/architecture.md); the demo generator joins in development and tests.
    "agendastad.core",
    "agendastad.accounts",
    "agendastad.notifications",
    "regions",
    "initiatives",
    "agendastad.agendas",
    "agendastad.insight",
    "agendastad.pages",
    "agendastad.opendata",
    "agendastad.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "agendastad.core.security.PermissionsPolicyMiddleware",
    "agendastad.core.security.RefuseNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "agendastad.core.page_cache.PageCacheInvalidationMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Moderator and coordinator rights count only in a session that passed the second factor.
    "agendastad.accounts.second_factor.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "agendastad.urls"
WSGI_APPLICATION = "agendastad.wsgi.application"

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
            ],
            "builtins": ["agendastad.core.templatetags.nlds", "regions.templatetags.helix"],
        },
    },
]
FORM_RENDERER = "agendastad.core.forms.NLDesignSystemFormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# How long a public page is kept for anonymous visitors at most (agendastad/core/page_cache.py); 0 is off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# How long figures that many pages share (the insight aggregates) are kept at most, for everyone, signed in or
# not (agendastad/core/page_cache.py: kept_until_write); every write makes them stale sooner. 0 is off.
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=300)

# No uploaded file is received beyond this size (agendastad/core/uploads.py): past it the handlers that keep a
# file get nothing more, and the form says the file is too large. The reverse proxy should refuse request
# bodies much larger than this (nginx: client_max_body_size 4m), since the rest is still read and dropped.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=2 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "agendastad.core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
FILE_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 64 * 1024  # a file we accept, with its form, stays in memory
# The form fields of a request besides its files: the longest text we accept is far below this. Larger
# requests get a 400 (Django's RequestDataTooBig), never a 500.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Importing initiatives from a spreadsheet (/initiatieven/importeren/): every row is checked and saved in
# one request, and the rows wait in the session between the preview and the import. At most UPLOAD_MAX_BYTES.
INITIATIVE_IMPORT_MAX_BYTES = env.int("INITIATIVE_IMPORT_MAX_BYTES", default=UPLOAD_MAX_BYTES)
INITIATIVE_IMPORT_MAX_ROWS = env.int("INITIATIVE_IMPORT_MAX_ROWS", default=200)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Long rather than complicated: at least 12 characters and not a common password; no composition
# rules and no maximum length (Django sets none, so passwords of 64 characters and more are fine).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "agendastad.accounts.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Accounts (django-allauth): email is the login name and must be verified before signing in.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
# Adding, removing or switching an email address and changing the password ask for the password
# again, or for a code from the authenticator app for those who have one (never the password alone then:
# agendastad/accounts/adapters.py); not for a code by mail, which an attacker with access to the mailbox would have.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_METHODS = ["password", "mfa"]
# Mails about security-relevant changes (password changed, email address added or removed).
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Agenda Stad: "
# Sends every mail to an existing person in their own language; stores display name and language.
ACCOUNT_ADAPTER = "agendastad.accounts.adapters.AccountAdapter"
ACCOUNT_FORMS = {"signup": "agendastad.accounts.forms.SignupForm"}
# Rate limits stay allauth's defaults (ACCOUNT_RATE_LIMITS unset), among them "login_failed":
# "10/m/ip,5/5m/key": after 5 failed logins for one address within 5 minutes even the right
# password is refused. They are counted in the default cache, which production takes from
# CACHE_URL (Redis, shared by every app process); never a per-process memory cache there.
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "mine"

# Two-factor authentication: an authenticator app plus recovery codes, optional for everyone, required
# for staff before they reach the admin panel (agendastad/pages/admin_site.py), and the rights of moderators
# and region coordinators count only in a session that passed it (agendastad/accounts/second_factor.py).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Agenda Stad"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Agenda Stad <noreply@agendastad.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Links in mails point here.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Browser features no page of ours uses, refused for our pages and anything they might embed
# (agendastad/core/security.py). Two-factor authentication uses an authenticator app, not WebAuthn; allow
# "publickey-credentials-get" and "-create" for "self" when passkeys come.
PERMISSIONS_POLICY: dict[str, tuple[str, ...]] = dict.fromkeys(
    [
        "accelerometer",
        "ambient-light-sensor",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "gamepad",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-create",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ],
    (),
)
SESSION_COOKIE_HTTPONLY = True

# No 'unsafe-inline' anywhere: every script and style comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

# Discussion and moderation (initiatives: comments and reports).
COMMENT_EDIT_MINUTES = env.int("COMMENT_EDIT_MINUTES", default=15)
COMMENTS_PER_PAGE = 20  # top-level comments per page of a thread, each with all its replies
REPORT_HIDE_THRESHOLD = env.int("REPORT_HIDE_THRESHOLD", default=3)  # reports by different people hide an item
# Only reports that carry weight count towards that threshold: by moderators, coordinators, or accounts at
# least this many days old that are active members of a verified organisation. Others wait for a moderator.
REPORT_WEIGHT_ACCOUNT_DAYS = env.int("REPORT_WEIGHT_ACCOUNT_DAYS", default=7)
# Notification fan-out (docs/notifications.md): at most this many mails right away per person per hour (the
# rest waits for the daily digest), and one mail per discussion until it is read or this many hours passed.
NOTIFICATION_MAILS_PER_HOUR = env.int("NOTIFICATION_MAILS_PER_HOUR", default=10)
NOTIFICATION_THREAD_MAIL_HOURS = env.int("NOTIFICATION_THREAD_MAIL_HOURS", default=24)
# Rate limits per person, as (how many, within so many seconds), counted in the default cache.
COMMENT_RATE_LIMIT = (10, 5 * 60)
REPORT_RATE_LIMIT = (10, 60 * 60)
PROGRESS_RATE_LIMIT = (10, 60 * 60)
# An initiative without activity (an edit, a status change, a comment, a progress update) for this many days is
# flagged to its region's coordinators (`manage.py flag_stale_initiatives`, daily).
STALE_INITIATIVE_DAYS = env.int("STALE_INITIATIVE_DAYS", default=365)
# Invitations to join an organisation, per day: per person who sends them and per organisation.
INVITATION_RATE_LIMIT = (20, 24 * 60 * 60)
INVITATION_ORGANISATION_RATE_LIMIT = (50, 24 * 60 * 60)
# Messages through the site (regions.services.contact_message_send): per person in all, counted in the cache, and
# per person about one initiative or organisation, counted from the records of messages sent.
CONTACT_RATE_LIMIT = (5, 60 * 60)
CONTACT_TARGET_LIMIT = (2, 24 * 60 * 60)

# After a partnership is declined, the side that asked may ask once more, with a new note, after this many days.
PARTNERSHIP_ASK_AGAIN_DAYS = env.int("PARTNERSHIP_ASK_AGAIN_DAYS", default=30)

# The read-only JSON API under /api/v1/ (docs/api.md). Everyone reads the same public data, so no
# authentication: a session is not even looked at. JSON only, errors included.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "agendastad.api.policies.JSONOnly",
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["agendastad.api.policies.AddressRateThrottle"],
    "DEFAULT_SCHEMA_CLASS": "agendastad.api.schema.ApiSchema",
    "DEFAULT_METADATA_CLASS": None,
    "EXCEPTION_HANDLER": "agendastad.api.views.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
    # The visitor's address for the rate limit: REMOTE_ADDR here, the proxy's X-Forwarded-For in production.
    "NUM_PROXIES": 0,
}
# Requests per client address to the API, as (how many, within so many seconds).
API_RATE_LIMIT = (env.int("API_RATE_LIMIT", default=300), 60)
# How long browsers and shared caches may keep an anonymous API answer.
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=300)
SPECTACULAR_SETTINGS = {
    "TITLE": "Agenda Stad API",
    "DESCRIPTION": (
        "Read-only open data of Agenda Stad: the public initiatives of the Dutch labour-market regions, "
        "the organisations taking part, the regions, municipalities and the six themes of the SER advice "
        "*Agenda voor de stad*. Lists are paged with an opaque cursor: follow `next` until it is null."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": False,
    "ENUM_NAME_OVERRIDES": {
        "Helix": "regions.models.Helix",
        "OrganisationKind": "regions.models.OrganisationKind",
        "Status": "initiatives.models.Status",
        "PartnershipRole": "initiatives.models.Partnership.Role",
    },
    "LICENSE": {"name": "Open data: see /open-data/"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
