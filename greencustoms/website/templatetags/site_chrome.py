"""``{% site_header %}``: the site header, its shared parts in cached fragments (see :mod:`greencustoms.website.chrome`)."""

from typing import Any

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from greencustoms.agreements.choices import Control
from greencustoms.website import chrome
from greencustoms.website.dates import format_date, format_date_range

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header(context: Any) -> SafeString | str:
    request = context.get("request")
    if request is None:
        return ""
    return render_to_string(chrome.HEADER_TEMPLATE, chrome.header_context(request))


@register.filter
def local_name(obj: Any) -> str:
    """The name of a thing in the current language (``name_fr``/``name_es``), else its English ``name``."""
    from django.utils.translation import get_language

    language = (get_language() or "en").split("-")[0]
    if language != "en":
        translated = getattr(obj, f"name_{language}", "") or ""
        if translated:
            return str(translated)
    return str(getattr(obj, "name", "") or "")


@register.filter
def local_date(value: Any, style: str = "long") -> str:
    """``{{ value|local_date }}``: one date format per language for the whole site (see :mod:`..dates`)."""

    return format_date(value, style=style)


@register.filter
def local_date_range(start: Any, end: Any) -> str:

    return format_date_range(start, end)


@register.filter
def data_text(value: Any) -> str:
    """A text of the reference data (a required document) in the current language when translated."""
    from django.utils.translation import gettext

    return gettext(str(value)) if value else ""


@register.filter
def control_label(value: Any) -> str:
    """A control code of the reference data (``phase_out``) as its label in the current language."""

    try:
        return str(Control(value).label)
    except ValueError:
        return str(value)


@register.inclusion_tag("includes/untranslated_note.html", takes_context=True)
def untranslated_note(context: Any) -> dict[str, Any]:
    """``{% untranslated_note %}``: on a Wagtail page served in English under /fr/ or /es/, say so."""
    from django.utils.translation import get_language, get_language_info

    from greencustoms.website.selectors import page_shown_untranslated

    page = context.get("page")
    language = get_language()
    if page is None or not page_shown_untranslated(page, language):
        return {"show": False}
    return {
        "show": True,
        "language_name": str(get_language_info(language.split("-")[0])["name_translated"]).lower(),
        "page_language": page.locale.language_code,
    }
