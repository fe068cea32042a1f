"""Test settings: fast hashing, immediate tasks, in-memory mail, a throwaway var/ directory."""

import tempfile
from pathlib import Path

from greencustoms.settings.base import *  # noqa: F403
from greencustoms.settings.base import CONTENT_SECURITY_POLICY, DATABASES, STORAGES

GREENCUSTOMS_ENV = "test"
SECRET_KEY = "test-only-not-secret"  # noqa: S105 - test settings never serve anyone
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
_TMP = Path(tempfile.mkdtemp(prefix="greencustoms-test-"))
MEDIA_ROOT = _TMP / "media"
PRIVATE_MEDIA_ROOT = _TMP / "private"
STATIC_ROOT = _TMP / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
AXES_ENABLED = True
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["NAME"] = str(_TMP / "test.sqlite3")
# Anonymous export throttling counts every test client as one address; the tests of the limit turn it on.
RATELIMIT_ENABLE = False
