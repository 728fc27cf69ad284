"""The test suite: PostgreSQL (never SQLite), mail kept in memory, fast password hashing."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-secret-key-that-is-long-enough-and-not-used-anywhere-else"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
DATABASES = {"default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/agendastad")}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come straight from the finders; there is no collected STATIC_ROOT here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Off: each test starts from its own data, a page kept by an earlier test would leak into it.
# tests/agendastad/test_page_cache.py switches it on.
PAGE_CACHE_SECONDS = 0
FIGURES_CACHE_SECONDS = 0

# The demo data generator (seed_demo) is for development, tests and the benchmark, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "agendastad.demo"]  # noqa: F405
