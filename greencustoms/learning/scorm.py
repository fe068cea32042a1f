"""SCORM 1.2: export a module version as a package, import (hostile) packages safely.

Export: imsmanifest.xml, one SCO per lesson, one SCO for the final test (score sent through the SCORM
API by the package's own small wrapper, shared/scorm_api.js), images and resources as assets.
Import: every uploaded package is treated as hostile (zip-slip, symbolic links, zip bombs, XML external
entities, DTDs, malformed manifests) and refused with a message that says what is wrong.
"""

from __future__ import annotations

import io
import json
import os
import posixpath
import stat
import uuid
import zipfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import (  # noqa: S405
    Element,  # noqa: S405 - only used to build our own manifest
    ParseError,
    SubElement,
    tostring,
)

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as safe_fromstring
from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.text import slugify
from django.utils.translation import gettext as _

from greencustoms.accounts.policy import can_import_learning_module
from greencustoms.learning.choices import ModuleSource
from greencustoms.learning.models import Lesson, Module, ModuleVersion

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
STATIC_DIR = Path(__file__).resolve().parent / "static" / "learning" / "scorm"


class PackageError(ValueError):
    """An unusable package; the message tells the uploader what is wrong."""


# --- export ------------------------------------------------------------------------------------------


def _question_data(q: Any) -> dict[str, Any]:
    return {
        "id": q.id,
        "kind": q.kind,
        "prompt": q.prompt,
        "image": f"../images/{os.path.basename(q.image.file.name)}" if q.image else None,
        "image_alt": q.image.alt_text if q.image else "",
        "explanation": q.explanation,
        "choices": [
            {
                "id": c.id, "text": c.text, "correct": c.is_correct, "match": c.match, "rank": c.position,
                "feedback": c.feedback,
                "image": f"../images/{os.path.basename(c.image.file.name)}" if c.image else None,
                "image_alt": c.image.alt_text if c.image else "",
            }
            for c in q.choices.all()
        ],
    }  # fmt: skip


def export_package(version: ModuleVersion) -> bytes:
    """The version as a SCORM 1.2 zip (bytes)."""
    module = version.module
    lessons = list(version.lessons.prefetch_related("images", "resources", "exercises__choices__image"))
    pool = list(
        version.questions.filter(lesson__isnull=True)
        .select_related("image")
        .prefetch_related("choices__image")
    )
    files: dict[str, bytes] = {}
    for name in ("scorm_api.js", "package.js", "package.css"):
        files[f"shared/{name}"] = (STATIC_DIR / name).read_bytes()
    for img in version.images.all():
        with img.file.open("rb") as fh:
            files[f"images/{os.path.basename(img.file.name)}"] = fh.read()
    lesson_hrefs = []
    for lesson in lessons:
        for res in lesson.resources.all():
            with res.file.open("rb") as fh:
                files[f"resources/{os.path.basename(res.file.name)}"] = fh.read()
        href = f"lessons/lesson-{lesson.position:02d}.html"
        files[href] = render_to_string(
            "learning/scorm/lesson.html",
            {
                "module": module, "lesson": lesson, "images": lesson.images.all(), "resources": lesson.resources.all(),
                "exercises": [_question_data(q) for q in lesson.exercises.all()],
            },
        ).encode()  # fmt: skip
        files[f"lessons/lesson-{lesson.position:02d}.js"] = (
            "window.GC_EXERCISES = " + json.dumps([_question_data(q) for q in lesson.exercises.all()]) + ";\n"
        ).encode()
        lesson_hrefs.append((lesson, href))
    test_href = None
    if pool:
        test_href = "test/test.html"
        files[test_href] = render_to_string(
            "learning/scorm/test.html", {"module": module, "version": version}
        ).encode()
        quiz = {
            "pass_mark": version.pass_mark,
            "size": version.test_size,
            "questions": [_question_data(q) for q in pool],
        }
        files["test/questions.js"] = ("window.GC_QUIZ = " + json.dumps(quiz) + ";\n").encode()
    files["imsmanifest.xml"] = manifest(version, lesson_hrefs, test_href, files)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("imsmanifest.xml", files.pop("imsmanifest.xml"))
        for name in sorted(files):
            zf.writestr(name, files[name])
    return buffer.getvalue()


def manifest(
    version: ModuleVersion, lessons: list[tuple[Lesson, str]], test_href: str | None, files: dict[str, bytes]
) -> bytes:
    """imsmanifest.xml following the SCORM 1.2 content aggregation model."""
    module = version.module
    ident = f"GC-{slugify(module.slug).upper()}-V{version.number}"
    root = Element(
        "manifest",
        {
            "identifier": ident, "version": str(version.number), "xmlns": IMSCP, "xmlns:adlcp": ADLCP, "xmlns:xsi": XSI,
            "xsi:schemaLocation": f"{IMSCP} imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd {ADLCP} adlcp_rootv1p2.xsd",
        },
    )  # fmt: skip
    meta = SubElement(root, "metadata")
    SubElement(meta, "schema").text = "ADL SCORM"
    SubElement(meta, "schemaversion").text = "1.2"
    orgs = SubElement(root, "organizations", {"default": "ORG-1"})
    org = SubElement(orgs, "organization", {"identifier": "ORG-1"})
    SubElement(org, "title").text = module.title
    resources = SubElement(root, "resources")
    shared = [n for n in files if n.startswith(("shared/", "images/", "resources/"))]
    for lesson, href in lessons:
        item = SubElement(
            org,
            "item",
            {
                "identifier": f"ITEM-{lesson.position:02d}",
                "identifierref": f"RES-{lesson.position:02d}",
                "isvisible": "true",
            },
        )
        SubElement(item, "title").text = lesson.title
        res = SubElement(
            resources,
            "resource",
            {
                "identifier": f"RES-{lesson.position:02d}",
                "type": "webcontent",
                "adlcp:scormtype": "sco",
                "href": href,
            },
        )
        SubElement(res, "file", {"href": href})
        SubElement(res, "file", {"href": href.replace(".html", ".js")})
        SubElement(res, "dependency", {"identifierref": "RES-SHARED"})
    if test_href:
        item = SubElement(
            org, "item", {"identifier": "ITEM-TEST", "identifierref": "RES-TEST", "isvisible": "true"}
        )
        SubElement(item, "title").text = "Final test"
        SubElement(item, "adlcp:masteryscore").text = str(version.pass_mark)
        res = SubElement(
            resources,
            "resource",
            {"identifier": "RES-TEST", "type": "webcontent", "adlcp:scormtype": "sco", "href": test_href},
        )
        SubElement(res, "file", {"href": test_href})
        SubElement(res, "file", {"href": "test/questions.js"})
        SubElement(res, "dependency", {"identifierref": "RES-SHARED"})
    asset = SubElement(
        resources, "resource", {"identifier": "RES-SHARED", "type": "webcontent", "adlcp:scormtype": "asset"}
    )
    for name in sorted(shared):
        SubElement(asset, "file", {"href": name})
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(root, encoding="unicode").encode()


# --- import ------------------------------------------------------------------------------------------


def limits() -> dict[str, int]:
    return {
        "max_bytes": int(getattr(settings, "LEARNING_SCORM_MAX_BYTES", 50 * 1024 * 1024)),
        "max_unpacked": int(getattr(settings, "LEARNING_SCORM_MAX_UNPACKED_BYTES", 200 * 1024 * 1024)),
        "max_files": int(getattr(settings, "LEARNING_SCORM_MAX_FILES", 2000)),
        "max_ratio": 100,
    }


@dataclass(frozen=True)
class Sco:
    identifier: str
    title: str
    href: str


@dataclass(frozen=True)
class Package:
    identifier: str
    title: str
    scos: list[Sco]
    mastery: int | None


def _check_name(name: str) -> str:
    if not name or "\x00" in name:
        raise PackageError(f"refused: the package contains an entry with an empty or binary name ({name!r})")
    if "\\" in name or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise PackageError(f"refused: entry {name!r} has an absolute or Windows path")
    normal = posixpath.normpath(name)
    if normal.startswith("..") or "/../" in f"/{name}/" or normal == "..":
        raise PackageError(f"refused: entry {name!r} points outside the package (zip-slip)")
    return normal


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Any, name: str) -> list[Any]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Any, name: str) -> Any:
    found = _children(el, name)
    return found[0] if found else None


def inspect(data: bytes) -> tuple[Package, zipfile.ZipFile]:
    """Check a package and read its manifest; raise PackageError with a clear message."""
    lim = limits()
    if len(data) > lim["max_bytes"]:
        raise PackageError(
            f"refused: the package is {len(data) / 1e6:.1f} MB; the limit is {lim['max_bytes'] / 1e6:.0f} MB"
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError) as exc:
        raise PackageError("refused: the file is not a readable zip archive") from exc
    if len(infos) > lim["max_files"]:
        raise PackageError(f"refused: the package holds {len(infos)} files; the limit is {lim['max_files']}")
    total = 0
    names = set()
    for info in infos:
        normal = _check_name(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise PackageError(f"refused: entry {info.filename!r} is a symbolic link")
        total += info.file_size
        if (
            info.compress_size
            and info.file_size / info.compress_size > lim["max_ratio"]
            and info.file_size > 1_000_000
        ):
            raise PackageError(
                f"refused: entry {info.filename!r} expands {info.file_size // info.compress_size}-fold (zip bomb?)"
            )
        names.add(normal)
    if total > lim["max_unpacked"]:
        raise PackageError(
            f"refused: the package unpacks to {total / 1e6:.0f} MB; the limit is {lim['max_unpacked'] / 1e6:.0f} MB"
        )
    if "imsmanifest.xml" not in names:
        raise PackageError(
            "refused: imsmanifest.xml is missing at the root of the package (is this a SCORM package?)"
        )
    try:
        raw = zf.read("imsmanifest.xml")
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as exc:
        raise PackageError("refused: imsmanifest.xml cannot be read from the archive") from exc
    if len(raw) > 5_000_000:
        raise PackageError("refused: imsmanifest.xml is larger than 5 MB")
    try:
        root = safe_fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise PackageError(
            "refused: imsmanifest.xml declares a DTD or entities (XML external entities are not allowed)"
        ) from exc
    except ParseError as exc:
        raise PackageError(f"refused: imsmanifest.xml is not well-formed XML ({exc})") from exc
    if _local(root.tag) != "manifest":
        raise PackageError("refused: the root element of imsmanifest.xml is not <manifest>")
    meta = _child(root, "metadata")
    version = (
        (_child(meta, "schemaversion").text or "").strip()
        if meta is not None and _child(meta, "schemaversion") is not None
        else ""
    )
    if version and version not in ("1.2",):
        raise PackageError(f"refused: this is a SCORM {version} package; only SCORM 1.2 is supported")
    orgs = _child(root, "organizations")
    resources_el = _child(root, "resources")
    if orgs is None or resources_el is None:
        raise PackageError("refused: imsmanifest.xml has no <organizations> or no <resources>")
    resources = {r.get("identifier"): r for r in _children(resources_el, "resource")}
    org_list = _children(orgs, "organization")
    if not org_list:
        raise PackageError("refused: imsmanifest.xml has no <organization>")
    default = orgs.get("default")
    org = next((o for o in org_list if o.get("identifier") == default), org_list[0])
    scos: list[Sco] = []
    mastery: int | None = None

    def walk(parent: Any) -> None:
        nonlocal mastery
        for item in _children(parent, "item"):
            ref = item.get("identifierref")
            title_el = _child(item, "title")
            title = (title_el.text or "").strip() if title_el is not None else ""
            if ref:
                res = resources.get(ref)
                if res is None:
                    raise PackageError(
                        f"refused: item {item.get('identifier')!r} refers to missing resource {ref!r}"
                    )
                href = (res.get("href") or "").split("?")[0].split("#")[0]
                if not href:
                    raise PackageError(f"refused: resource {ref!r} has no href to launch")
                full = posixpath.normpath(posixpath.join(res.get(f"{{{ADLCP}}}base") or "", href))
                _check_name(full)
                if full not in names:
                    raise PackageError(
                        f"refused: launch file {full!r} of resource {ref!r} is not in the package"
                    )
                ms = _child(item, "masteryscore")
                if ms is not None and (ms.text or "").strip().isdigit():
                    mastery = int(ms.text.strip())
                scos.append(Sco(item.get("identifier") or ref, title or href, full))
            walk(item)

    walk(org)
    if not scos:
        raise PackageError("refused: the package has no launchable lesson (no item refers to a resource)")
    title_el = _child(org, "title")
    title = (title_el.text or "").strip() if title_el is not None and title_el.text else scos[0].title
    return Package(root.get("identifier") or title, title[:200], scos, mastery), zf


def package_root() -> Path:
    return Path(getattr(settings, "PRIVATE_MEDIA_ROOT", settings.MEDIA_ROOT)) / "scorm"


def check_import(by: Any, *, owner: Any, module: Module | None, command_line: bool = False) -> None:
    """Refuse an import the policy does not allow, with a message for the uploader."""

    if can_import_learning_module(by, owner=owner, module=module, command_line=command_line):
        return
    if module is not None and module.owner_partner_id != getattr(owner, "pk", owner):
        raise PackageError(
            _(
                "refused: a module with the slug “%(slug)s” already exists and belongs to %(partner)s; "
                "a new version of it can be imported only for %(partner)s. Give the package another "
                "title, or ask %(partner)s or the secretariat."
            )
            % {"slug": module.slug, "partner": module.owner_partner.acronym}
        )
    raise PackageError(_("refused: you may import modules only for your own organization."))


@transaction.atomic
def import_package(
    data: bytes,
    *,
    owner: Any,
    at: datetime,
    slug: str | None = None,
    by: Any = None,
    command_line: bool = False,
) -> ModuleVersion:
    """Check, unpack and register a SCORM 1.2 package as a module (a new version if the slug exists).

    ``by`` imports for ``owner`` (see accounts.policy.can_import_learning_module); ``command_line`` is
    the server's operator.
    """
    package, zf = inspect(data)
    folder = uuid.uuid4().hex
    slug = slug or slugify(package.title)[:60] or f"scorm-{folder[:8]}"
    existing = Module.objects.select_related("owner_partner").select_for_update().filter(slug=slug).first()
    check_import(by, owner=owner, module=existing, command_line=command_line)
    target = package_root() / folder
    target.mkdir(parents=True, exist_ok=False)
    for info in zf.infolist():
        if info.is_dir():
            continue
        dest = (target / _check_name(info.filename)).resolve()
        if not str(dest).startswith(str(target.resolve()) + os.sep):
            raise PackageError(f"refused: entry {info.filename!r} points outside the package (zip-slip)")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as src, dest.open("wb") as out:
            written = 0
            while chunk := src.read(1 << 16):
                written += len(chunk)
                if written > info.file_size:
                    raise PackageError(f"refused: entry {info.filename!r} is larger than its header says")
                out.write(chunk)
    module = existing or Module.objects.create(
        slug=slug, title=package.title, owner_partner=owner, created_at=at, summary=""
    )
    number = (module.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    version = ModuleVersion.objects.create(
        module=module, number=number, source=ModuleSource.SCORM, pass_mark=package.mastery or 0, test_size=0,
        lesson_count=len(package.scos), package_dir=folder, published_at=at, changes=f"SCORM package {package.identifier}",
    )  # fmt: skip
    Lesson.objects.bulk_create(
        Lesson(
            version=version,
            position=i,
            title=s.title[:200],
            sco_href=s.href,
            sco_identifier=s.identifier[:200],
        )
        for i, s in enumerate(package.scos, start=1)
    )
    module.current_version = version
    module.save(update_fields=["current_version"])
    return version


def sco_file(version: ModuleVersion, path: str) -> Path | None:
    """The file of an imported package at `path`, or None when it does not exist or escapes the package."""
    if not version.package_dir:
        return None
    base = (package_root() / version.package_dir).resolve()
    try:
        candidate = (base / _check_name(path)).resolve()
    except PackageError:
        return None
    if not str(candidate).startswith(str(base) + os.sep) or not candidate.is_file():
        return None
    return candidate
