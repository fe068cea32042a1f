"""``{% site_header %}``: the cached site header (see :mod:`greencustoms.website.chrome`)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from greencustoms.website import chrome

register = template.Library()


@register.simple_tag(takes_context=True)
def site_header(context: Any) -> SafeString | str:
    request = context.get("request")
    if request is None:
        return ""
    return chrome.site_header(request, placeholders=bool(context.get(chrome.PLACEHOLDER_CONTEXT)))
