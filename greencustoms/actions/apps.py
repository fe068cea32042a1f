from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "greencustoms.actions"
    label = "actions"
    verbose_name = _("Action points")
    default_auto_field = "django.db.models.BigAutoField"
