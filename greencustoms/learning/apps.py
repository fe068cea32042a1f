from django.apps import AppConfig
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "greencustoms.learning"
    label = "learning"
    verbose_name = _("E-learning")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("learning:catalogue", _("E-learning"), "public"),
        ("learning:stats", _("Learning statistics"), "intranet"),
    ]
    home_panel = "greencustoms.learning.views.home_panel"
    periodic_tasks = [
        (
            "greencustoms.learning.tasks.send_learning_nudges",
            int(getattr(settings, "LEARNING_NUDGE_TASK_SECONDS", 24 * 3600)),
        ),
        ("greencustoms.learning.tasks.rollup_learning_activity", 3600),
    ]
