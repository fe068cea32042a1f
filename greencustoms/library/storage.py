"""Where library files live: outside MEDIA_ROOT, so no web server can hand them out unchecked."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import LazyObject


class _PrivateStorage(LazyObject):
    def _setup(self) -> None:
        self._wrapped = FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT, base_url=None)


private_storage = _PrivateStorage()


def get_private_storage() -> FileSystemStorage:
    """Callable form for FileField(storage=…): keeps the location out of migrations."""
    return private_storage  # type: ignore[return-value]
