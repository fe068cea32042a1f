from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    """What sort of gathering an event is."""

    PARTNERS_MEETING = "partners_meeting", _("Partners' meeting")
    NATIONAL_WORKSHOP = "national_workshop", _("National workshop (2 days)")
    REGIONAL_WORKSHOP = "regional_workshop", _("Regional train-the-trainer workshop (4 days)")
    SIDE_EVENT = "side_event", _("Side event")
    WEBINAR = "webinar", _("Webinar")


class ReportStatus(models.TextChoices):
    """Where a meeting report stands: drafted, circulated to the partners for approval, final."""

    DRAFT = "draft", _("Draft")
    CIRCULATED = "circulated", _("Circulated for approval")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved by all, with conditions")
    APPROVED = "approved", _("Approved by all")
    FINAL = "final", _("Final")


class ParticipationMode(models.TextChoices):
    """How a participant took part in a meeting."""

    IN_PERSON = "in_person", _("In person")
    REMOTE = "remote", _("Remotely")
