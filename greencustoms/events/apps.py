from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "greencustoms.events"
    label = "events"
    verbose_name = _("Meetings and workshops")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [("events:meeting_list", _("Meetings"), "intranet")]
