from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class ActionsConfig(AppConfig):
    name = "greencustoms.actions"
    label = "actions"
    verbose_name = _("Action points")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("actions:action_list", _("Action points"), "intranet"),
        ("actions:plan", _("Activity plan"), "intranet"),
    ]
    # How often the scheduler enqueues the reminder task (seconds); each rule still fires only once.
    periodic_tasks = [
        (
            "greencustoms.actions.tasks.send_action_reminders",
            getattr(settings, "ACTIONS_REMINDER_INTERVAL", 6 * 3600),
        ),
        ("greencustoms.actions.tasks.send_week_digest", 7 * 24 * 3600),
    ]
