"""A module version as plain data: written by the demo, dumped into and loaded from server-to-server bundles.

Format (JSON-compatible)::

    {"slug", "title", "summary", "owner", "agreement", "language", "position",
     "version": {"number", "pass_mark", "max_attempts", "test_size", "estimated_minutes", "changes"},
     "images": [{"key", "file", "alt", "caption"}],
     "lessons": [{"title", "body" (Markdown), "images": [key], "resources": [{"title", "file"}],
                  "exercises": [question]}],
     "pool": [question]}
    question = {"kind", "prompt", "image": key|None, "explanation",
                "choices": [{"text", "correct", "match", "image", "feedback"}]}

File contents travel beside the data, as a mapping of file name → bytes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import bleach
import markdown
from django.core.files.base import ContentFile
from django.db import transaction

from greencustoms.learning.choices import ModuleSource, QuestionKind
from greencustoms.learning.models import (
    Choice,
    Lesson,
    LessonImage,
    Module,
    ModuleVersion,
    Question,
    Resource,
)
from greencustoms.partners.models import Partner

ALLOWED_TAGS = [
    "p", "h2", "h3", "h4", "ul", "ol", "li", "strong", "em", "a", "blockquote", "code", "pre",
    "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "abbr", "dl", "dt", "dd",
]  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": ["href", "title"], "abbr": ["title"], "th": ["scope"]}


class ContentError(ValueError):
    """The module data is unusable; the message names the part."""


def clean_html(html: str) -> str:
    """Sanitised HTML: no scripts, no inline styles, no images outside LessonImage."""
    return bleach.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=["https", "http", "mailto"],
        strip=True,
    )


def render_body(text: str) -> str:
    """Markdown → sanitised HTML."""
    return clean_html(markdown.markdown(text, extensions=["tables"]))


def _lesson_html(ld: Mapping[str, Any]) -> str:
    # Bundles carry HTML made on another server: cleaned again here, never trusted.
    return render_body(ld["body"]) if "body" in ld else clean_html(ld.get("body_html", ""))


def _safe_name(name: str) -> str:
    base = os.path.basename(name.replace("\\", "/"))
    if not base or base.startswith("."):
        raise ContentError(f"file name {name!r} is not usable")
    return base


def _question(
    version: ModuleVersion,
    lesson: Lesson | None,
    pos: int,
    q: Mapping[str, Any],
    images: dict[str, LessonImage],
) -> tuple[Question, list[Choice]]:
    kind = q.get("kind")
    if kind not in QuestionKind.values:
        raise ContentError(f"question {q.get('prompt', '')[:40]!r}: unknown kind {kind!r}")
    choices = q.get("choices") or []
    if len(choices) < 2:
        raise ContentError(f"question {q['prompt'][:40]!r}: needs at least two choices")
    if kind in (
        QuestionKind.SINGLE,
        QuestionKind.TRUE_FALSE,
        QuestionKind.IMAGE,
        QuestionKind.MULTIPLE,
    ) and not any(c.get("correct") for c in choices):
        raise ContentError(f"question {q['prompt'][:40]!r}: no correct choice")
    question = Question(
        version=version, lesson=lesson, position=pos, kind=kind, prompt=q["prompt"],
        image=images.get(q.get("image") or ""), explanation=q.get("explanation", ""),
    )  # fmt: skip
    rows = [
        Choice(
            question=question,
            position=i,
            text=c["text"],
            is_correct=bool(c.get("correct")),
            match=c.get("match", ""),
            image=images.get(c.get("image") or ""),
            feedback=c.get("feedback", ""),
        )  # fmt: skip
        for i, c in enumerate(choices, start=1)
    ]
    return question, rows


@transaction.atomic
def version_load(
    data: Mapping[str, Any],
    files: Mapping[str, bytes],
    *,
    at: datetime,
    source: str = ModuleSource.NATIVE,
    partner_lookup: Any = None,
) -> ModuleVersion:
    """Create (or find) the module and add this version with all its content; make it current.

    A version number that already exists is returned unchanged, so loading twice creates nothing.
    """
    try:
        owner = (partner_lookup or (lambda a: Partner.objects.get(acronym=a)))(data["owner"])
    except Exception as exc:
        raise ContentError(f"owner partner {data.get('owner')!r} is not known on this server") from exc
    module, _ = Module.objects.get_or_create(
        slug=data["slug"],
        defaults={
            "title": data["title"], "summary": data.get("summary", ""), "owner_partner": owner,
            "agreement_slug": data.get("agreement", ""), "language": data.get("language", "en"),
            "position": data.get("position", 100), "created_at": at,
        },
    )  # fmt: skip
    meta = data.get("version", {})
    number = int(meta.get("number", 1))
    existing = module.versions.filter(number=number).first()
    if existing is not None:
        return existing
    lessons_data = data.get("lessons") or []
    if not lessons_data:
        raise ContentError("a module needs at least one lesson")
    version = ModuleVersion.objects.create(
        module=module, number=number, source=source, pass_mark=meta.get("pass_mark", 70),
        max_attempts=meta.get("max_attempts", 3), test_size=meta.get("test_size", 10),
        estimated_minutes=meta.get("estimated_minutes", 60), changes=meta.get("changes", ""),
        lesson_count=len(lessons_data), published_at=at,
    )  # fmt: skip
    images: dict[str, LessonImage] = {}
    for img in data.get("images", []):
        name = _safe_name(img["file"])
        if name not in files:
            raise ContentError(f"image {img['key']!r}: file {name!r} is missing")
        if not img.get("alt"):
            raise ContentError(f"image {img['key']!r}: alternative text is required")
        obj = LessonImage(
            version=version, key=img["key"], alt_text=img["alt"], caption=img.get("caption", "")
        )
        obj.file.save(f"{module.slug}-v{number}-{name}", ContentFile(files[name]), save=False)
        images[img["key"]] = obj
    LessonImage.objects.bulk_create(images.values())
    lessons = Lesson.objects.bulk_create(
        Lesson(version=version, position=i, title=ld["title"], body_html=_lesson_html(ld))
        for i, ld in enumerate(lessons_data, start=1)
    )
    questions: list[Question] = []
    choice_rows: list[list[Choice]] = []
    resources: list[Resource] = []
    image_lessons: list[LessonImage] = []
    for lesson, ld in zip(lessons, lessons_data, strict=True):
        for key in ld.get("images", []):
            if key not in images:
                raise ContentError(f"lesson {ld['title']!r}: unknown image {key!r}")
            images[key].lesson = lesson
            image_lessons.append(images[key])
        for r in ld.get("resources", []):
            name = _safe_name(r["file"])
            if name not in files:
                raise ContentError(f"lesson {ld['title']!r}: resource file {name!r} is missing")
            res = Resource(lesson=lesson, title=r["title"], size=len(files[name]))
            res.file.save(f"{module.slug}-v{number}-{name}", ContentFile(files[name]), save=False)
            resources.append(res)
        for pos, q in enumerate(ld.get("exercises", []), start=1):
            question, rows = _question(version, lesson, pos, q, images)
            questions.append(question)
            choice_rows.append(rows)
    for pos, q in enumerate(data.get("pool", []), start=1):
        question, rows = _question(version, None, pos, q, images)
        questions.append(question)
        choice_rows.append(rows)
    LessonImage.objects.bulk_update(image_lessons, ["lesson"])
    Resource.objects.bulk_create(resources)
    Question.objects.bulk_create(questions)
    for question, rows in zip(questions, choice_rows, strict=True):
        for row in rows:
            row.question = question
    Choice.objects.bulk_create([row for rows in choice_rows for row in rows])
    pool = sum(1 for q in questions if q.lesson_id is None)
    if pool and version.test_size > pool:
        version.test_size = pool
        version.save(update_fields=["test_size"])
    module.current_version = version
    module.save(update_fields=["current_version"])
    return version


def version_dump(version: ModuleVersion) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The version as data plus its files (for a bundle); the inverse of :func:`version_load`."""
    module = version.module
    files: dict[str, bytes] = {}

    def keep(field: Any) -> str:
        name = os.path.basename(field.name)
        with field.open("rb") as fh:
            files[name] = fh.read()
        return name

    images = list(version.images.all())
    image_key = {img.pk: img.key for img in images}

    def question(q: Question) -> dict[str, Any]:
        return {
            "kind": q.kind, "prompt": q.prompt, "image": image_key.get(q.image_id or 0),
            "explanation": q.explanation,
            "choices": [
                {"text": c.text, "correct": c.is_correct, "match": c.match, "image": image_key.get(c.image_id or 0), "feedback": c.feedback}
                for c in q.choices.all()
            ],
        }  # fmt: skip

    questions = list(version.questions.prefetch_related("choices"))
    data = {
        "format": "greencustoms-module/1",
        "slug": module.slug, "title": module.title, "summary": module.summary,
        "owner": module.owner_partner.acronym, "agreement": module.agreement_slug,
        "language": module.language, "position": module.position,
        "version": {
            "number": version.number, "pass_mark": version.pass_mark, "max_attempts": version.max_attempts,
            "test_size": version.test_size, "estimated_minutes": version.estimated_minutes, "changes": version.changes,
        },
        "images": [{"key": img.key, "file": keep(img.file), "alt": img.alt_text, "caption": img.caption} for img in images],
        "lessons": [
            {
                "title": lesson.title, "body_html": lesson.body_html,
                "images": [img.key for img in images if img.lesson_id == lesson.pk],
                "resources": [{"title": r.title, "file": keep(r.file)} for r in lesson.resources.all()],
                "exercises": [question(q) for q in questions if q.lesson_id == lesson.pk],
            }
            for lesson in version.lessons.all()
        ],
        "pool": [question(q) for q in questions if q.lesson_id is None],
    }  # fmt: skip
    return data, files
