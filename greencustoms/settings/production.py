"""Production settings: refuse to start without a real SECRET_KEY and DATABASE_URL; HTTPS everywhere."""

from django.core.exceptions import ImproperlyConfigured

from greencustoms.settings.base import *  # noqa: F403
from greencustoms.settings.base import ENV_DATABASE_URL, ENV_SECRET_KEY

GREENCUSTOMS_ENV = "production"

if not ENV_SECRET_KEY or len(ENV_SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set (50 characters or more) in production.")
if not ENV_DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL must be set in production (PostgreSQL).")

SECRET_KEY = ENV_SECRET_KEY
DEBUG = False
SECURE_SSL_REDIRECT = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Wagtail's admin previews pages in a same-origin frame, so SAMEORIGIN (not DENY) is deliberate.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
