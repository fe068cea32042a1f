from django.db import models
from django.utils.translation import gettext_lazy as _


class PartnerStatus(models.TextChoices):
    """Whether an organization is a partner of the initiative or has asked to join."""

    PARTNER = "partner", _("Partner")
    CANDIDATE = "candidate", _("Candidate")


class PartnerKind(models.TextChoices):
    """What sort of organization it is."""

    IGO = "igo", _("Intergovernmental organization")
    SECRETARIAT = "secretariat", _("Convention secretariat")
    DIVISION = "division", _("Division of a partner")
