"""Constants of the accounts domain: roles, access levels, actions, accreditation states."""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The role a person has on the platform; `public` is the anonymous visitor and is never stored."""

    PUBLIC = "public", _("Public")
    OFFICER = "officer", _("Customs officer")
    ENFORCEMENT = "enforcement", _("Enforcement officer")
    TRAINER = "trainer", _("Trainer (resource person)")
    PARTNER = "partner", _("Partner staff")
    SECRETARIAT = "secretariat", _("GCI secretariat")


#: The roles a stored account may have; enforcement is a vetted status on top of officer or trainer.
ACCOUNT_ROLES = [
    (Role.OFFICER.value, Role.OFFICER.label),
    (Role.TRAINER.value, Role.TRAINER.label),
    (Role.PARTNER.value, Role.PARTNER.label),
    (Role.SECRETARIAT.value, Role.SECRETARIAT.label),
]


class Level(models.TextChoices):
    """Who may see an object: the four access levels of every document, page, rule and case."""

    PUBLIC = "public", _("Public")
    REGISTERED = "registered", _("Registered officers")
    ENFORCEMENT = "enforcement", _("Vetted enforcement officers")
    INTRANET = "intranet", _("Partners' intranet")


class Action(StrEnum):
    """What a user wants to do to an object."""

    VIEW = "view"
    CHANGE = "change"
    APPROVE = "approve"
    DELETE = "delete"


class AccreditationStatus(models.TextChoices):
    """States of an enforcement accreditation request."""

    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    SUSPENDED = "suspended", _("Suspended (unused)")
    REVOKED = "revoked", _("Revoked")


class AuditAction(models.TextChoices):
    """What an audit entry records."""

    VIEW = "view", _("Viewed")
    DOWNLOAD = "download", _("Downloaded")
    CREATE = "create", _("Created")
    CHANGE = "change", _("Changed")
    DELETE = "delete", _("Deleted")
    APPROVE = "approve", _("Approved")
    REFUSE = "refuse", _("Refused")
    LOGIN = "login", _("Signed in")
    SUSPEND = "suspend", _("Suspended")
    TOKEN = "token", _("API token")
