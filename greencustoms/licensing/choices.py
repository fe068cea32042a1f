"""Constants of the licensing domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    """Whether a licence or quota is for imports or exports."""

    IMPORT = "import", _("Import")
    EXPORT = "export", _("Export")


class ConsultationStatus(models.TextChoices):
    """Where an iPIC consultation stands."""

    PENDING = "pending", _("Awaiting answer")
    YES = "yes", _("Yes: licensed")
    NO = "no", _("No: not licensed")
    NEEDS_CHECK = "needs_check", _("Needs check")
    ESCALATED = "escalated", _("Escalated to the secretariat")


#: Statuses in which the importing country has not answered yet.
OPEN_STATUSES = (ConsultationStatus.PENDING, ConsultationStatus.ESCALATED)
#: The answers an importing country's focal point may give.
ANSWERS = (ConsultationStatus.YES, ConsultationStatus.NO, ConsultationStatus.NEEDS_CHECK)


class MirrorStatus(models.TextChoices):
    """Where a mirror analysis run stands."""

    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
