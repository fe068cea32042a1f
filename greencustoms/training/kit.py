"""The offline kit of the national package: one zip with an index page that works from the disk."""

from __future__ import annotations

import io
import posixpath
import zipfile
from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import get_valid_filename

from greencustoms.training import selectors
from greencustoms.training.choices import WorkshopKind
from greencustoms.training.models import ModelAgenda

#: Fixed timestamp inside the zip, so the same content gives the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def _write(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def package_kit(*, agreement: Any, language: str, at: datetime) -> bytes:
    """The zip: ``index.html`` (in ``language``), the model 2-day agenda, each partner's approved part
    (notes for the presenter, complex points, contacts, Guide chapter) and its files under ``files/``."""
    versions = selectors.approved_package(agreement, language)
    model = ModelAgenda.objects.filter(kind=WorkshopKind.NATIONAL_WORKSHOP).prefetch_related("items").first()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        parts = []
        for version in versions:
            folder = (
                f"files/{get_valid_filename(version.partner.acronym)}-v{version.number}-{version.language}"
            )
            files = []
            for item in version.files.all():
                stored = item.file.name or ""  # a package file always has one (the field is required)
                name = posixpath.join(folder, get_valid_filename(posixpath.basename(stored)))
                with item.file.open("rb") as fh:
                    _write(zf, name, fh.read())
                files.append({"title": item.title, "href": name, "for_print": item.for_print})
            chapter = version.guide_chapter
            guide_url = (
                f"{settings.SITE_URL}/guide/{chapter.guide.year}/{chapter.slug}/"
                if chapter is not None
                else ""
            )
            parts.append({"version": version, "files": files, "chapter": chapter, "guide_url": guide_url})
        with translation.override(language):
            html = render_to_string(
                "training/kit_index.html",
                {
                    "agreement": agreement,
                    "language": language,
                    "parts": parts,
                    "agenda": model,
                    "agenda_items": list(model.items.all()) if model else [],
                    "generated": at,
                },
            )
        _write(zf, "index.html", html.encode("utf-8"))
    return buffer.getvalue()
