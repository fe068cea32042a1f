from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "greencustoms.training"
    label = "training"
    verbose_name = _("Training")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("training:workshop_list", _("Workshops"), "public"),
        ("training:roster", _("Resource persons"), "intranet"),
    ]
    # Participants who have not passed a compulsory module due within two weeks: reminded once a week.
    periodic_tasks = [("greencustoms.training.tasks.send_prerequisite_reminders", 24 * 3600)]
    # Attendance certificates are verified on the e-learning verification page (learning.certificates).
    certificate_lookup = "greencustoms.training.selectors.attendance_certificate_by_code"
