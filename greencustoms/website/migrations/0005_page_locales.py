"""Locales for the French and Spanish page trees; pages made before translation was on stay English.

Wagtail's own migrations add the locale fields; this one creates the en/fr/es locales and puts every page
that has no locale yet, or a locale of a language the site does not have, into English.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Page = apps.get_model("wagtailcore", "Page")
    english, _created = Locale.objects.get_or_create(language_code="en")
    for code in ("fr", "es"):
        Locale.objects.get_or_create(language_code=code)
    known = Locale.objects.filter(language_code__in=["en", "fr", "es"]).values_list("pk", flat=True)
    Page.objects.exclude(locale_id__in=list(known)).update(locale=english)


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0004_plural_names"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
