"""Move a module between greencustoms servers (global, regional, national) as one zip bundle.

The bundle holds module.json (see content.py for the format) and files/<name>; importing treats it as
hostile input like any upload and adds the version to the module of the same slug.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import datetime
from typing import Any

from django.db import transaction

from greencustoms.learning.choices import ModuleSource
from greencustoms.learning.content import ContentError, version_dump, version_load
from greencustoms.learning.models import Module, ModuleVersion
from greencustoms.learning.scorm import PackageError, _check_name, check_import, limits
from greencustoms.partners.models import Partner

FORMAT = "greencustoms-module/1"
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,80}")


def export_bundle(version: ModuleVersion) -> bytes:
    data, files = version_dump(version)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("module.json", json.dumps(data, ensure_ascii=False, indent=1))
        for name, content in sorted(files.items()):
            zf.writestr(f"files/{name}", content)
    return buffer.getvalue()


def import_bundle(
    raw: bytes, *, at: datetime, owner: Any = None, by: Any = None, command_line: bool = False
) -> ModuleVersion:
    """Load a bundle; an existing (slug, version) is left as it is.

    The module belongs to ``owner``, the partner the importer names (partner staff: their own
    organization); module.json's owner is only the default when none is named. An existing module of
    the same slug gets the version only if it belongs to that owner (see scorm.check_import).
    """
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
    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG.fullmatch(slug):
        raise PackageError(f"refused: module.json: slug {slug!r} is not a slug (letters, digits, - and _)")
    if owner is None:
        owner = Partner.objects.filter(acronym=str(data.get("owner", ""))).first()
        if owner is None:
            raise PackageError(f"refused: owner partner {data.get('owner')!r} is not known on this server")
    with transaction.atomic():
        existing = (
            Module.objects.select_related("owner_partner").select_for_update().filter(slug=slug).first()
        )
        check_import(by, owner=owner, module=existing, command_line=command_line)
        try:
            return version_load(
                data, files, at=at, source=ModuleSource.BUNDLE, partner_lookup=lambda _acronym: owner
            )
        except (ContentError, KeyError, TypeError) as exc:
            raise PackageError(f"refused: {exc}") from exc
