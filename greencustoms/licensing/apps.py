from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LicensingConfig(AppConfig):
    name = "greencustoms.licensing"
    label = "licensing"
    verbose_name = _("Licensing and trade monitoring")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("licensing:system_list", _("Licensing systems"), "public"),
        ("licensing:consultation_list", _("iPIC consultations"), "registered"),
        ("licensing:mirror_list", _("Mirror analysis"), "registered"),
    ]
    # How often the scheduler enqueues the iPIC reminder task (seconds); each reminder goes out once.
    periodic_tasks = [
        (
            "greencustoms.licensing.tasks.send_consultation_reminders",
            getattr(settings, "LICENSING_REMINDER_INTERVAL", 3600),
        )
    ]
