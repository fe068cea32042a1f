"""Saving translations (the translators' form and the demo seeds)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from greencustoms.accounts import policy
from greencustoms.translations import registry, selectors
from greencustoms.translations.models import Translation


class TranslationError(ValueError):
    """The translation cannot be saved; the message says why."""


def _clean(kind: registry.Kind, field: str, text: str) -> str:
    text = text.strip()
    if field in kind.html:
        from greencustoms.learning.content import render_body  # the lessons' own sanitiser

        return render_body(text)
    return text


@transaction.atomic
def save_translation(
    *,
    kind: str,
    key: str,
    field: str,
    language: str,
    text: str,
    english: str,
    by: Any = None,
    is_demo: bool = False,
    note: str = "",
    check: bool = True,
) -> Translation | None:
    """Record the translation of ``english`` (the field's English now); an empty ``text`` removes it.

    ``by`` must pass ``policy.can_translate`` unless ``check`` is False (seeds and data migrations)."""
    if check and not policy.can_translate(by):
        raise TranslationError("You may not translate content.")
    k = registry.KINDS.get(kind)
    if k is None:
        raise TranslationError(f"kind: unknown kind {kind!r}")
    if field not in k.fields:
        raise TranslationError(f"field: {kind} has no field {field!r}")
    if language not in registry.LANGUAGES:
        raise TranslationError(f"language: {language!r} is not one of {', '.join(registry.LANGUAGES)}")
    text = _clean(k, field, text)
    selectors.forget(language)
    if not text:
        Translation.objects.filter(kind=kind, key=key, field=field, language=language).delete()
        return None
    row, _created = Translation.objects.update_or_create(
        kind=kind,
        key=key,
        field=field,
        language=language,
        defaults={
            "text": text,
            "source_hash": registry.text_hash(english),
            "source_text": english,
            "translated_by": by if getattr(by, "pk", None) else None,
            "is_demo": is_demo,
            "note": note,
        },
    )
    return row


def save_object(*, kind: registry.Kind, obj: Any, language: str, texts: dict[str, str], by: Any) -> int:
    """Save the translated fields of one object from the form; answers how many fields changed."""
    changed = 0
    current = {f["field"]: f for f in selectors.fields_of(kind=kind, obj=obj, language=language)}
    for name in kind.fields:
        if name not in texts:
            continue
        new = texts[name].strip()
        field = current[name]
        if new == field["text"].strip() and field["state"] == selectors.DONE:
            continue
        if not new and not field["text"]:
            continue
        save_translation(
            kind=kind.name,
            key=kind.key_of(obj),
            field=name,
            language=language,
            text=new,
            english=field["english"],
            by=by,
        )
        changed += 1
    return changed
