from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "greencustoms.screening"
    label = "screening"
    verbose_name = _("Declaration screening")
    default_auto_field = "django.db.models.BigAutoField"
    nav = [
        ("screening:upload", _("Screening"), "registered"),
        ("screening:indicators", _("Risk indicators"), "enforcement"),
    ]
    periodic_tasks = [
        ("greencustoms.screening.tasks.reap_screening_jobs", 60),
        ("greencustoms.screening.tasks.purge_screening_jobs", 60 * 60),
    ]

    def ready(self) -> None:
        # The entry point (the task module) gives the services their queue: services never import tasks.
        # local import: ready() runs once the app registry is loaded
        from greencustoms.screening import services, tasks

        services.connect_job_queue(tasks.run_screening_job.enqueue)
