from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """Document library, enforcement section, partners' intranet and feedback."""

    name = "greencustoms.library"
    label = "library"
    verbose_name = _("Document library")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("library:index", _("Documents"), "public"),
        ("library:enforcement", _("Enforcement"), "enforcement"),
        ("library:intranet", _("Intranet"), "intranet"),
    ]
