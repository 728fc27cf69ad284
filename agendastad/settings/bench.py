"""The performance benchmark (`make bench`, `scripts/bench.py`): production as far as one machine without
TLS allows. Never for serving people.

Like production: DEBUG off, whitenoise with the manifest storage (static files collected into
STATIC_ROOT), persistent database connections, sessions in the cache. Unlike production: plain HTTP
on 127.0.0.1 (no SSL redirect, no Secure cookies), a fixed secret key, mail kept in memory, the cache
scripts/bench.py names (Redis when it runs here) with a key prefix per run, and the root URLs add the bare view that
every page is compared with.
"""

from .base import *  # noqa: F403
from .base import STATIC_ROOT, env

DEBUG = False
SECRET_KEY = "bench-only-secret-key-never-used-to-serve-anyone-0123456789"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "agendastad.bench_urls"

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
CACHES["default"]["KEY_PREFIX"] = env("BENCH_RUN", default="bench")
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(STATIC_ROOT))  # scripts/bench.py collects into a temporary folder

# One log line per request would measure the console.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The demo data generator (seed_demo) is for development, tests and the benchmark, never production.
INSTALLED_APPS = [*INSTALLED_APPS, "agendastad.demo"]  # noqa: F405
