"""``{% load translated %}``: content in the page's language, English with a visible note when not translated.

- ``{{ obj|tr:"field" }}`` — the text only (titles, attributes, options);
- ``{% translated obj "field" %}`` — the text with a note when it is English in a French/Spanish page
  (``lang="en"``) or when the English changed since it was translated;
- ``{{ text|tr_document }}`` — a required-document text of the reference data.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from greencustoms.translations import registry, selectors

register = template.Library()


def _language() -> str:
    return (get_language() or "en").split("-")[0]


def _is_html(obj: Any, field: str) -> bool:
    kind = registry.kind_of(obj)
    return kind is not None and field in kind.html


@register.filter
def tr(obj: Any, field: str) -> str:
    shown = selectors.translated(obj, field, _language())
    if _is_html(obj, field):
        return mark_safe(shown.text)  # noqa: S308 - sanitised on save (lessons' own sanitiser)
    return shown.text


def _wrap(shown: selectors.Shown, body: str, *, block: bool) -> SafeString:
    if shown.is_fallback:
        note = gettext("Not yet translated: shown in English.")
        if block:
            return format_html(
                '<p class="untranslated-note small" role="note">{}</p><div lang="en">{}</div>', note, body
            )
        return format_html(
            '<span lang="en">{}</span> <small class="untranslated-note">({})</small>', body, note
        )
    if shown.is_outdated:
        note = gettext("The English text has changed since this translation; it may be out of date.")
        if block:
            return format_html('{}<p class="outdated-note small" role="note">{}</p>', body, note)
        return format_html('{} <small class="outdated-note">({})</small>', body, note)
    return SafeString(body)


@register.simple_tag
def translated(obj: Any, field: str, block: bool = False) -> SafeString:
    shown = selectors.translated(obj, field, _language())
    body = shown.text if _is_html(obj, field) else escape(shown.text)
    return _wrap(shown, mark_safe(body), block=block or _is_html(obj, field))  # noqa: S308 - escaped or sanitised


@register.filter
def tr_document(text: Any) -> SafeString:
    """A required document: the translation, else the site catalogue's, else English with the note."""
    if not text:
        return SafeString("")
    language = _language()
    shown = selectors.document_text(str(text), language)
    if shown.is_fallback:
        catalogue = gettext(str(text))
        if catalogue != str(text):
            return SafeString(escape(catalogue))
    return _wrap(shown, escape(shown.text), block=False)


@register.simple_tag
def translation_state(obj: Any, field: str) -> str:
    """The state of a field in the page's language (``translated``, ``missing``, ``outdated``, ``source``)."""
    return selectors.translated(obj, field, _language()).state


@register.filter
def tr_agreement(slug: Any, field: str = "short_name") -> str:
    """An agreement slug (``montreal``) as its name in the page's language, as the treaty names itself."""
    from django.apps import apps

    agreement = apps.get_model("agreements", "Agreement").objects.filter(slug=slug).first()
    if agreement is None:
        return str(slug).upper()
    return selectors.translated(agreement, field, _language()).text
