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


class HSConfidence(models.TextChoices):
    """How far an HS row of an item can be trusted (item_hs.csv ``confidence``)."""

    REVIEWED = "reviewed", _("reviewed")
    CORRELATION = "correlation", _("same goods (1:1 correlation)")
    CANDIDATE = "candidate", _("candidate (not reviewed, lower confidence)")


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


class ListingState(models.TextChoices):
    """What a listing is on a given date (``lookup.listing_state``)."""

    IN_FORCE = "in_force", _("in force")
    NOT_YET_IN_FORCE = "not_yet_in_force", _("adopted, not yet in force")
    DELETED = "deleted", _("deleted (history)")

    @property
    def is_deleted(self) -> bool:
        return self is ListingState.DELETED

    @property
    def is_not_yet_in_force(self) -> bool:
        return self is ListingState.NOT_YET_IN_FORCE


def control_words(code: str) -> str:
    """A control code (``phase_out``) in words in the active language (``phase-out``); an unknown code is
    written with spaces, never as a token."""
    try:
        return str(Control(code).label)
    except ValueError:
        return code.replace("_", " ")


def confidence_words(code: str) -> str:
    """An HS row's confidence (``candidate``) in words in the active language ("" when not stated)."""
    try:
        return str(HSConfidence(code).label)
    except ValueError:
        return code.replace("_", " ")


def state_words(code: str) -> str:
    try:
        return str(ListingState(code).label)
    except ValueError:
        return code.replace("_", " ")


#: Agreements and the amendments that change their trade controls, in words (party status answers).
INSTRUMENT_NAMES = {
    "montreal": _("Montreal Protocol"),
    "london": _("London Amendment"),
    "copenhagen": _("Copenhagen Amendment"),
    "montreal-amendment": _("Montreal Amendment"),
    "beijing": _("Beijing Amendment"),
    "kigali": _("Kigali Amendment"),
    "basel": _("Basel Convention"),
    "basel-ban": _("Basel Ban Amendment"),
    "rotterdam": _("Rotterdam Convention"),
    "stockholm": _("Stockholm Convention"),
    "minamata": _("Minamata Convention"),
    "cites": _("CITES"),
    "cwc": _("Chemical Weapons Convention"),
    "cartagena": _("Cartagena Protocol"),
}

#: The kind of instrument deposited (parties.csv ``action``), in words.
ACTION_WORDS = {
    "ratification": _("ratification"),
    "accession": _("accession"),
    "acceptance": _("acceptance"),
    "approval": _("approval"),
    "succession": _("succession"),
    "definitive-signature": _("definitive signature"),
}
