from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "greencustoms.screening"
    label = "screening"
    verbose_name = _("Declaration screening")
    default_auto_field = "django.db.models.BigAutoField"
