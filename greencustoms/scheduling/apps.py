from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "greencustoms.scheduling"
    label = "scheduling"
    verbose_name = _("Scheduled tasks")
    default_auto_field = "django.db.models.BigAutoField"
