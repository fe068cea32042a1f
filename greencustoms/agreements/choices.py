"""Constants of the agreements domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.agreements.refdata import AGREEMENT_SLUGS, EDITIONS  # noqa: F401 - re-exported

LATEST_EDITION = "HS2022"


class Edition(models.TextChoices):
    HS2002 = "HS2002", "HS2002"
    HS2007 = "HS2007", "HS2007"
    HS2012 = "HS2012", "HS2012"
    HS2017 = "HS2017", "HS2017"
    HS2022 = "HS2022", "HS2022"


class ItemKind(models.TextChoices):
    SUBSTANCE = "substance", _("substance")
    MIXTURE = "mixture", _("mixture")
    SPECIES = "species", _("species or taxon")
    WASTE = "waste", _("waste")
    PRODUCT = "product", _("product")


class ItemStatus(models.TextChoices):
    """Legal state of a listing (items.csv ``status``)."""

    IN_FORCE = "in_force", _("in force")
    ADOPTED_NOT_IN_FORCE = "adopted_not_in_force", _("adopted, not yet in force")
    DELETED = "deleted", _("deleted")


class Control(models.TextChoices):
    LICENCE = "licence", _("licence")
    PERMIT = "permit", _("permit")
    PRIOR_INFORMED_CONSENT = "prior_informed_consent", _("prior informed consent")
    NOTIFICATION = "notification", _("notification")
    PROHIBITION = "prohibition", _("prohibition")
    PHASE_OUT = "phase_out", _("phase-out")
    REPORTING = "reporting", _("reporting")


class PartyStatus(models.TextChoices):
    PARTY = "party", _("party")
    SIGNATORY = "signatory", _("signatory")
