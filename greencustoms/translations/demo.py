"""Seed the French and Spanish of the demo content (see :mod:`.seeds` for what and from where); idempotent."""

from __future__ import annotations

from typing import Any, TextIO

from django.apps import apps

from greencustoms.translations import registry, seeds, services
from greencustoms.translations.models import Translation

LANGS = ("fr", "es")


def _save(kind: str, key: str, field: str, english: str, pair: tuple[str, str], note: str = "") -> int:
    saved = 0
    for language, text in zip(LANGS, pair, strict=True):
        exists = Translation.objects.filter(kind=kind, key=key, field=field, language=language).exists()
        if exists or not text:
            continue
        services.save_translation(
            kind=kind,
            key=key,
            field=field,
            language=language,
            text=text,
            english=english,
            is_demo=not note,
            note=note or "Demo translation written for the platform, not reviewed by the partners.",
            check=False,
        )
        saved += 1
    return saved


def _fields(kind_name: str, obj: Any, texts: dict[str, tuple[str, str]], fields: tuple[str, ...]) -> int:
    kind = registry.KINDS[kind_name]
    saved = 0
    for name in fields:
        english = kind.english(obj, name)
        if english in texts:
            saved += _save(kind_name, kind.key_of(obj), name, english, texts[english])
    return saved


def _agreements() -> int:
    saved = 0
    kind = registry.KINDS["agreements.agreement"]
    for agreement in apps.get_model("agreements", "Agreement").objects.all():
        names = seeds.AGREEMENT_NAMES.get(agreement.slug)
        if not names:
            continue
        for language in LANGS:
            full, short, where = names[language]
            note = f"Official title as read on {seeds.READ_ON}: {where}"
            for field, text in (("name", full), ("short_name", short)):
                if Translation.objects.filter(
                    kind=kind.name, key=agreement.slug, field=field, language=language
                ).exists():
                    continue
                services.save_translation(
                    kind=kind.name,
                    key=agreement.slug,
                    field=field,
                    language=language,
                    text=text,
                    english=kind.english(agreement, field),
                    note=note[:300],
                    check=False,
                )
                saved += 1
    return saved


def _documents() -> int:
    kind = registry.KINDS["agreements.document"]
    saved = 0
    for text in registry.document_texts():
        if text in seeds.DOCUMENTS:
            saved += _save(kind.name, kind.key_of(text), "text", text, seeds.DOCUMENTS[text])
    return saved


def _module() -> int:
    module = apps.get_model("learning", "Module").objects.filter(slug=seeds.MODULE).first()
    if module is None or module.current_version_id is None:
        return 0
    texts = seeds.MODULE_TEXTS
    saved = _fields("learning.module", module, texts, ("title", "summary"))
    version = module.current_version
    for lesson in version.lessons.all():
        saved += _fields("learning.lesson", lesson, texts, ("title",))
        body = seeds.LESSON_BODIES.get(lesson.title)
        if body:
            saved += _save("learning.lesson", str(lesson.pk), "body_html", lesson.body_html, body)
    for question in version.questions.prefetch_related("choices"):
        saved += _fields("learning.question", question, texts, ("prompt", "explanation"))
        for choice in question.choices.all():
            saved += _fields("learning.choice", choice, texts, ("text", "feedback"))
    return saved


def _guide() -> int:
    chapters = apps.get_model("guide", "Chapter").objects.filter(slug=seeds.GUIDE_CHAPTER)
    saved = 0
    for chapter in chapters:
        saved += _fields("guide.chapter", chapter, seeds.GUIDE_TEXTS, ("title", "intro"))
        for section in chapter.sections.all():
            saved += _fields("guide.section", section, seeds.GUIDE_TEXTS, ("title",))
            body = next((v for k, v in seeds.GUIDE_BODIES.items() if section.body.startswith(k)), None)
            if body:
                saved += _save("guide.section", str(section.pk), "body", section.body, body)
    return saved


def load(*, stdout: TextIO) -> None:
    counts = {
        "agreement names": _agreements(),
        "required documents": _documents(),
        "e-learning module": _module(),
        "Guide chapter 1": _guide(),
    }
    if any(counts.values()):
        stdout.write(
            "translations: " + ", ".join(f"{n} {what}" for what, n in counts.items() if n) + " (fr, es)\n"
        )
