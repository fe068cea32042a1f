"""Local demo settings used by `make run`: production-like (DEBUG off) but with a generated key in var/."""

import os

from greencustoms.settings.base import *  # noqa: F403
from greencustoms.settings.base import ENV_SECRET_KEY, VAR_DIR

GREENCUSTOMS_ENV = "dev"


def _local_secret_key() -> str:
    """Read var/secret_key, creating it with mode 600 on first use."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = ENV_SECRET_KEY or _local_secret_key()
