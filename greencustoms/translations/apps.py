from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """Translated content (issue #18): French and Spanish of the Guide, e-learning and reference texts."""

    name = "greencustoms.translations"
    label = "translations"
    verbose_name = _("Translated content")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [("translations:index", _("Translations"), "intranet", "partners")]
