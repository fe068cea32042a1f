"""ISO 3166-1 countries (from pycountry, Debian iso-codes) with names in the user's language."""

import gettext
from functools import cache

import pycountry
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@cache
def _translator(lang: str) -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def country_name(code: str, lang: str | None = None) -> str:
    """The country's common name in `lang` (default: the active language); the code if unknown."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    if country is None:
        return code
    name = getattr(country, "common_name", None) or country.name
    return _translator((lang or get_language() or "en")[:2]).gettext(name)


def country_choices() -> list[tuple[str, str]]:
    """(alpha-2, name) pairs sorted by name in the active language, for form fields."""
    return sorted(((c.alpha_2, country_name(c.alpha_2)) for c in pycountry.countries), key=lambda p: p[1])


def to_alpha2(value: str) -> str | None:
    """Normalise an ISO alpha-2 or alpha-3 code to alpha-2; None when it is not a country code."""
    value = (value or "").strip().upper()
    if len(value) == 2:
        return value if pycountry.countries.get(alpha_2=value) else None
    if len(value) == 3:
        country = pycountry.countries.get(alpha_3=value)
        return country.alpha_2 if country else None
    return None


def validate_country(value: str) -> None:
    """Model validator: an ISO 3166-1 alpha-2 code."""
    if value and pycountry.countries.get(alpha_2=value) is None:
        raise ValidationError(
            _("%(value)s is not an ISO 3166-1 alpha-2 country code."), params={"value": value}
        )
