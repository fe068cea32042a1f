from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "greencustoms.agreements"
    label = "agreements"
    verbose_name = _("Agreements and HS annex")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [("agreements:lookup", _("HS lookup"), "public"), ("agreements:annex", _("HS annex"), "public")]
