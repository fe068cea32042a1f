from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    """A concerned partner's answer in a review round."""

    PENDING = "pending", _("Not answered yet")
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    COMMENTED = "commented", _("Comments (not an approval)")


APPROVING = (Decision.APPROVED, Decision.APPROVED_WITH_CONDITIONS)


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ReviewEventKind(models.TextChoices):
    """What happened in a review round (the round's history)."""

    OPENED = "opened", _("Round opened")
    COMMENTED = "commented", _("Comment")
    REPLIED = "replied", _("Reply")
    RESOLVED = "resolved", _("Comment resolved")
    DECIDED = "decided", _("Decision recorded")
    REMINDED = "reminded", _("Reminder sent")
    CLOSED = "closed", _("Round closed")
    PUBLISHED = "published", _("Published")
