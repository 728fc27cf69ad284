"""Quick local look: SQLite in the project folder, mail printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# Pages kept for anonymous visitors would hide template changes while developing.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)
# Nor are figures kept: the memory cache is the server's own, so a command run beside it (load_regions, an
# import) could not make them stale, and the dashboard would show the municipalities of before for 5 minutes.
FIGURES_CACHE_SECONDS = env.int("FIGURES_CACHE_SECONDS", default=0)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come straight from the finders; there is no collected STATIC_ROOT here.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# The demo data generator (seed_demo) is for development, tests and the benchmark, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "agendastad.demo"]  # noqa: F405
