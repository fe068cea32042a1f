"""Small lookups for the question templates (answers and outcomes are keyed by question id)."""

from typing import Any

from django import template

register = template.Library()


@register.filter
def field(mapping: Any, key: Any) -> Any:
    """mapping[key] for dicts and QueryDicts (None when absent); the key may be an int."""
    if not mapping:
        return None
    if hasattr(mapping, "getlist"):
        return _Prefixed(mapping, f"q{key}")
    return mapping.get(key) or mapping.get(str(key))


class _Prefixed:
    """A view of posted form data for one question: pair(choice) and values()."""

    def __init__(self, data: Any, name: str) -> None:
        self.data, self.name = data, name

    def get(self, choice: Any) -> str:
        return self.data.get(f"{self.name}-{choice}", "")

    def getlist(self) -> list[str]:
        return self.data.getlist(self.name)


@register.filter
def pair(view: Any, choice_id: Any) -> str:
    return view.get(choice_id) if isinstance(view, _Prefixed) else ""


@register.filter
def values(mapping: Any, key: Any) -> list[str]:
    """The choice ids posted for question `key` (radio or checkboxes)."""
    if not mapping or not hasattr(mapping, "getlist"):
        return []
    return mapping.getlist(f"q{key}")
