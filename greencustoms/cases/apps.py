from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "greencustoms.cases"
    label = "cases"
    verbose_name = _("Seizure cases and the Green Customs Award")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("cases:case_list", _("Seizure cases"), "public"),
        ("cases:award_index", _("Green Customs Award"), "public"),
    ]
    #: The site-wide search's section (website.navigation.app_search_sections).
    site_search = ("greencustoms.cases.selectors.site_search", _("Seizure cases"))
