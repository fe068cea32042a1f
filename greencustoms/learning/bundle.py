"""Move a module between greencustoms servers (global, regional, national) as one zip bundle.

The bundle holds module.json (see content.py for the format) and files/<name>; importing treats it as
hostile input like any upload and adds the version to the module of the same slug.
"""

from __future__ import annotations

import io
import json
import zipfile
from datetime import datetime

from greencustoms.learning.choices import ModuleSource
from greencustoms.learning.content import ContentError, version_dump, version_load
from greencustoms.learning.models import ModuleVersion
from greencustoms.learning.scorm import PackageError, _check_name, limits

FORMAT = "greencustoms-module/1"


def export_bundle(version: ModuleVersion) -> bytes:
    data, files = version_dump(version)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("module.json", json.dumps(data, ensure_ascii=False, indent=1))
        for name, content in sorted(files.items()):
            zf.writestr(f"files/{name}", content)
    return buffer.getvalue()


def import_bundle(raw: bytes, *, at: datetime) -> ModuleVersion:
    """Load a bundle; an existing (slug, version) is left as it is."""
    lim = limits()
    if len(raw) > lim["max_bytes"]:
        raise PackageError(f"refused: the bundle is larger than {lim['max_bytes'] / 1e6:.0f} MB")
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        infos = zf.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise PackageError("refused: the file is not a readable zip archive") from exc
    if len(infos) > lim["max_files"] or sum(i.file_size for i in infos) > lim["max_unpacked"]:
        raise PackageError("refused: the bundle holds too many files or unpacks too large")
    files: dict[str, bytes] = {}
    data = None
    for info in infos:
        name = _check_name(info.filename)
        if name == "module.json":
            try:
                data = json.loads(zf.read(info))
            except (ValueError, UnicodeDecodeError) as exc:
                raise PackageError(f"refused: module.json is not valid JSON ({exc})") from exc
        elif name.startswith("files/") and not info.is_dir():
            files[name.removeprefix("files/")] = zf.read(info)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackageError(f"refused: module.json is missing or not in the {FORMAT} format")
    try:
        return version_load(data, files, at=at, source=ModuleSource.BUNDLE)
    except (ContentError, KeyError, TypeError) as exc:
        raise PackageError(f"refused: {exc}") from exc
