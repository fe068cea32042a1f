from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReviewsConfig(AppConfig):
    name = "greencustoms.reviews"
    label = "reviews"
    verbose_name = _("Reviews")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [("reviews:list", _("Reviews"), "intranet")]
    periodic_tasks = [("greencustoms.reviews.tasks.send_review_reminders", 60 * 60)]
