"""The kinds of content that can be translated, their fields and how to find their English.

A kind names its objects by a key that survives what the app does to them: a reference-data agreement by its
slug (rows are re-imported with every data release), a required-document text by the hash of its English (the
same sentence is shared by many items), everything else by its primary key. A new e-learning version copies
its lessons into new rows: their unchanged texts find their translation again through the translation memory
(same kind, field and English), see :mod:`.selectors`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import F
from django.utils.translation import gettext_lazy as _

#: Languages content is translated into (English is the source).
LANGUAGES = ("fr", "es")
SOURCE_LANGUAGE = "en"


def text_hash(text: str) -> str:
    """The fingerprint of an English text; whitespace at the ends does not count."""
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Source:
    """One English text to translate."""

    kind: str
    key: str
    field: str
    text: str
    context: str  # where it is shown, in words ("Introduction to Green Customs › lesson 2")


@dataclass(frozen=True)
class Kind:
    name: str
    label: Any
    fields: tuple[str, ...]
    model: str = ""  # "app_label.Model" when the texts are fields of a model
    key_field: str = "pk"
    html: frozenset[str] = field(default_factory=frozenset)  # fields holding sanitised HTML
    markdown: frozenset[str] = field(default_factory=frozenset)  # fields holding Markdown
    objects: Callable[[], Iterator[tuple[Any, str]]] | None = None  # (object, context) to translate
    guarded_by: Callable[[Any], Any] | None = None  # the object whose access level decides who sees the text

    def key_of(self, obj: Any) -> str:
        if self.name == "agreements.document":
            return text_hash(str(obj))[:24]
        return str(getattr(obj, self.key_field))

    def english(self, obj: Any, field_name: str) -> str:
        if self.name == "agreements.document":
            return str(obj)
        return str(getattr(obj, field_name, "") or "")


def _model(label: str) -> Any:
    return apps.get_model(label)


def _modules() -> Iterator[tuple[Any, str]]:
    for m in _model("learning.Module").objects.order_by("position", "slug"):
        yield m, str(m.title)


def _current_versions() -> Any:
    return _model("learning.ModuleVersion").objects.filter(module__current_version__id=F("id"))


def _lessons() -> Iterator[tuple[Any, str]]:
    lessons = (
        _model("learning.Lesson")
        .objects.filter(version__in=_current_versions(), sco_href="")
        .select_related("version__module")
        .order_by("version__module__position", "version__module__slug", "position")
    )
    for lesson in lessons:
        yield lesson, f"{lesson.version.module.title} › {_('lesson')} {lesson.position}"


def _questions() -> Iterator[tuple[Any, str]]:
    questions = (
        _model("learning.Question")
        .objects.filter(version__in=_current_versions())
        .select_related("version__module", "lesson")
        .order_by("version__module__position", "version__module__slug", "id")
    )
    for q in questions:
        where = f"{_('lesson')} {q.lesson.position}" if q.lesson_id else _("test questions")
        yield q, f"{q.version.module.title} › {where}"


def _choices() -> Iterator[tuple[Any, str]]:
    choices = (
        _model("learning.Choice")
        .objects.filter(question__version__in=_current_versions())
        .select_related("question__version__module")
        .order_by("question__version__module__position", "question_id", "position", "id")
    )
    for c in choices:
        yield c, f"{c.question.version.module.title} › {str(c.question.prompt)[:60]}"


def _latest_guide() -> Any:
    return _model("guide.Guide").objects.order_by("-year").first()


def _chapters() -> Iterator[tuple[Any, str]]:
    guide = _latest_guide()
    if guide is None:
        return
    for ch in guide.chapters.order_by("position"):
        yield ch, f"{_('Guide')} {guide.year}"


def _sections() -> Iterator[tuple[Any, str]]:
    guide = _latest_guide()
    if guide is None:
        return
    sections = (
        _model("guide.Section")
        .objects.filter(chapter__guide=guide)
        .select_related("chapter__guide")
        .order_by("chapter__position", "position", "sort_title")
    )
    for s in sections:
        yield s, f"{_('Guide')} {guide.year} › {s.chapter.title}"


def _agreements() -> Iterator[tuple[Any, str]]:
    for a in _model("agreements.Agreement").objects.order_by("slug"):
        yield a, str(_("Agreements"))


def document_texts() -> list[str]:
    """Every distinct required-document text of the reference data, in order."""
    seen: dict[str, None] = {}
    for docs in _model("agreements.ControlledItem").objects.values_list("documents", flat=True):
        for d in docs or []:
            if d and d not in seen:
                seen[d] = None
    return sorted(seen)


def _documents() -> Iterator[tuple[Any, str]]:
    for text in document_texts():
        yield text, str(_("What the trader must show"))


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "learning.module",
            _("E-learning module"),
            ("title", "summary"),
            "learning.Module",
            objects=_modules,
            guarded_by=lambda m: m,
        ),
        Kind(
            "learning.lesson",
            _("Lesson"),
            ("title", "body_html"),
            "learning.Lesson",
            html=frozenset({"body_html"}),
            objects=_lessons,
            guarded_by=lambda lesson: lesson.version.module,
        ),
        Kind(
            "learning.question",
            _("Question"),
            ("prompt", "explanation"),
            "learning.Question",
            objects=_questions,
            guarded_by=lambda q: q.version.module,
        ),
        Kind(
            "learning.choice",
            _("Answer choice"),
            ("text", "feedback"),
            "learning.Choice",
            objects=_choices,
            guarded_by=lambda c: c.question.version.module,
        ),
        Kind(
            "guide.chapter",
            _("Guide chapter"),
            ("title", "intro"),
            "guide.Chapter",
            markdown=frozenset({"intro"}),
            objects=_chapters,
            guarded_by=lambda ch: ch.guide,
        ),
        Kind(
            "guide.section",
            _("Guide section"),
            ("title", "body"),
            "guide.Section",
            markdown=frozenset({"body"}),
            objects=_sections,
            guarded_by=lambda s: s.chapter.guide,
        ),
        Kind(
            "agreements.agreement",
            _("Agreement name"),
            ("name", "short_name"),
            "agreements.Agreement",
            key_field="slug",
            objects=_agreements,
        ),
        Kind("agreements.document", _("Required document"), ("text",), objects=_documents),
    )
}

#: Model label (lower case) → kind, for the template tag.
BY_MODEL = {k.model.lower(): k for k in KINDS.values() if k.model}


def kind_of(obj: Any) -> Kind | None:
    meta = getattr(obj, "_meta", None)
    if meta is None:
        return None
    return BY_MODEL.get(meta.label_lower)


def visible_to(kind: Kind, obj: Any, user: Any) -> bool:
    """May ``user`` read this object's English (the module's or Guide edition's access level decides)?"""
    if kind.guarded_by is None:
        return True
    from greencustoms.accounts import policy

    return policy.can(user, policy.Action.VIEW, kind.guarded_by(obj))


def sources(kind: Kind, user: Any) -> Iterator[tuple[Any, Source]]:
    """Every English text of a kind that should be translated (non-empty) and ``user`` may read, with its
    object."""
    if kind.objects is None:
        return
    decided: dict[tuple[Any, Any], bool] = {}
    for obj, context in kind.objects():
        if kind.guarded_by is not None:
            guard = kind.guarded_by(obj)
            marker = (type(guard), guard.pk)
            if marker not in decided:
                decided[marker] = visible_to(kind, obj, user)
            if not decided[marker]:
                continue
        key = kind.key_of(obj)
        for name in kind.fields:
            text = kind.english(obj, name)
            if text.strip():
                yield obj, Source(kind.name, key, name, text, str(context))


def find(kind: Kind, key: str) -> Any:
    """The object of ``kind`` named ``key`` (a document's English text), or None."""
    if kind.name == "agreements.document":
        return next((t for t in document_texts() if kind.key_of(t) == key), None)
    model = _model(kind.model)
    try:
        return model.objects.get(**{kind.key_field: key})
    except (model.DoesNotExist, ValueError):
        return None
