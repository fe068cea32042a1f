"""Checking uploaded files, extracting their text and drawing their preview thumbnail."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from typing import IO

import filetype
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from greencustoms.library.choices import ALLOWED_TYPES, MAX_IMAGE_BYTES, MAX_UPLOAD_BYTES, UploadError

logger = logging.getLogger(__name__)

THUMBNAIL_WIDTH = 240


@dataclass(frozen=True)
class CheckedUpload:
    """What we learnt about an accepted upload."""

    content_type: str
    size: int
    sha256: str


def _error(field: str, code: UploadError, message: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def check_upload(
    fh: IO[bytes], *, name: str, field: str = "file", images_only: bool = False
) -> CheckedUpload:
    """Sniff the content, compare it with the name and the size limits; errors name the field.

    Raises ValidationError({field: …}) with a code from :class:`UploadError`.
    """
    fh.seek(0, io.SEEK_END)
    size = fh.tell()
    fh.seek(0)
    if size == 0:
        raise _error(field, UploadError.EMPTY, _("%(field)s: the file is empty.") % {"field": field})
    limit = MAX_IMAGE_BYTES if images_only else MAX_UPLOAD_BYTES
    if size > limit:
        raise _error(
            field,
            UploadError.TOO_LARGE,
            _("%(field)s: the file is %(size)s MB; the limit is %(limit)s MB.")
            % {"field": field, "size": round(size / 1_048_576, 1), "limit": limit // 1_048_576},
        )
    head = fh.read(8192)
    fh.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime not in ALLOWED_TYPES or (images_only and not mime.startswith("image/")):
        raise _error(
            field,
            UploadError.TYPE_NOT_ALLOWED,
            _("%(field)s: this type of file (%(type)s) is not accepted; send PDF, Office or image files.")
            % {"field": field, "type": mime or _("unknown")},
        )
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_TYPES[mime]:
        raise _error(
            field,
            UploadError.TYPE_MISMATCH,
            _("%(field)s: the name ends in “.%(ext)s” but the content is %(type)s.")
            % {"field": field, "ext": extension, "type": mime},
        )
    digest = hashlib.sha256()
    for chunk in iter(lambda: fh.read(1 << 20), b""):
        digest.update(chunk)
    fh.seek(0)
    return CheckedUpload(content_type=mime, size=size, sha256=digest.hexdigest())


@dataclass(frozen=True)
class Extracted:
    """Text pulled from a file, or why none could be."""

    text: str
    page_count: int | None
    error: str


def extract_text(fh: IO[bytes], content_type: str, *, max_chars: int = 500_000) -> Extracted:
    """The text of a PDF (pypdf); a broken or encrypted PDF yields an error message, never an exception."""
    if content_type != "application/pdf":
        return Extracted("", None, "")
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    fh.seek(0)
    try:
        reader = PdfReader(fh)
        if reader.is_encrypted:
            return Extracted("", None, "The PDF is encrypted; its text could not be read.")
        parts: list[str] = []
        total = 0
        for page in reader.pages:
            chunk = page.extract_text() or ""
            parts.append(chunk)
            total += len(chunk)
            if total > max_chars:
                break
        text = " ".join(" ".join(parts).split())[:max_chars]
        return Extracted(text, len(reader.pages), "" if text else "The PDF contains no extractable text.")
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        logger.info("PDF text extraction failed: %s", exc)
        return Extracted("", None, f"The PDF could not be read ({type(exc).__name__}).")
    finally:
        fh.seek(0)


def make_thumbnail(fh: IO[bytes], content_type: str) -> bytes | None:
    """A PNG of the first page (PDF, via PDFium) or of the image, THUMBNAIL_WIDTH wide; None if impossible."""
    fh.seek(0)
    try:
        if content_type == "application/pdf":
            import pypdfium2 as pdfium

            pdf = pdfium.PdfDocument(fh.read())
            try:
                page = pdf[0]
                scale = THUMBNAIL_WIDTH / max(page.get_width(), 1)
                image = page.render(scale=scale).to_pil()
            finally:
                pdf.close()
        elif content_type.startswith("image/"):
            from PIL import Image

            image = Image.open(fh)
            image.thumbnail((THUMBNAIL_WIDTH, THUMBNAIL_WIDTH * 2))
        else:
            return None
        out = io.BytesIO()
        image.convert("RGB").save(out, format="PNG", optimize=True)
        return out.getvalue()
    except Exception as exc:  # noqa: BLE001 - any renderer failure just means no preview
        logger.info("thumbnail failed: %s", exc)
        return None
    finally:
        fh.seek(0)
