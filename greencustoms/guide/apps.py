from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    name = "greencustoms.guide"
    label = "guide"
    verbose_name = _("Green Customs Guide")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("guide:index", _("Guide"), "public"),
        ("guide:rounds", _("Guide reviews"), "intranet"),
    ]
