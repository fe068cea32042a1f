"""Static files: WhiteNoise's compressed manifest storage, with URLs remembered per process.

The manifest is read once and never changes while the process runs, yet ``{% static %}`` recomputed
each hashed URL (path cleaning, splitting, quoting) four times a page.
"""

from typing import Any

from django.conf import settings
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name: str | None, force: bool = False) -> str:
        if force or settings.DEBUG or name is None:
            return super().url(name, force)
        url = self._urls.get(name)
        if url is None:
            url = super().url(name)  # a missing file raises, and is not remembered
            self._urls[name] = url
        return url
