"""Vocabularies of seizure records and the Green Customs Award."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    REVIEWED = "reviewed", _("Reviewed by the partners")
    RETURNED = "returned", _("Returned for changes")
    PUBLISHED = "published", _("Published")


class Region(models.TextChoices):
    """UNEP's regions, as used by OzonAction's regional networks."""

    AFRICA = "africa", _("Africa")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    EUROPE = "europe", _("Europe and Central Asia")
    LATIN_AMERICA = "latin_america", _("Latin America and the Caribbean")
    NORTH_AMERICA = "north_america", _("North America")
    WEST_ASIA = "west_asia", _("West Asia")


class Unit(models.TextChoices):
    KG = "kg", _("kilograms")
    T = "t", _("tonnes")
    L = "l", _("litres")
    PIECES = "pieces", _("pieces")
    SPECIMENS = "specimens", _("specimens")


class Transport(models.TextChoices):
    SEA = "sea", _("Sea")
    AIR = "air", _("Air")
    ROAD = "road", _("Road")
    RAIL = "rail", _("Rail")
    POSTAL = "postal", _("Postal or express courier")
    PEDESTRIAN = "pedestrian", _("Passenger on foot")
    OTHER = "other", _("Other")


class Concealment(models.TextChoices):
    """How the goods were hidden: the category is public, the details are restricted."""

    NONE = "none", _("Not concealed")
    MISDECLARATION = "misdeclaration", _("Misdeclared (name, code or quantity)")
    FALSE_LABEL = "false_label", _("False labels or relabelled containers")
    HIDDEN_IN_CARGO = "hidden_in_cargo", _("Hidden among other cargo")
    FALSE_COMPARTMENT = "false_compartment", _("False compartment")
    ON_PERSON = "on_person", _("On the person or in baggage")
    OTHER = "other", _("Other")


class Detection(models.TextChoices):
    RISK_PROFILE = "risk_profile", _("Risk profile")
    INDICATOR = "indicator", _("Risk indicator")
    SCREENING = "screening", _("Screening hit")
    TIP_OFF = "tip_off", _("Tip-off or intelligence")
    XRAY = "xray", _("X-ray or scanner")
    DOG = "dog", _("Detector dog")
    LAB = "lab", _("Laboratory or field test")
    RANDOM = "random", _("Random check")
    OTHER = "other", _("Other")


class FollowUp(models.TextChoices):
    OPEN = "open", _("Investigation open")
    ADMINISTRATIVE = "administrative", _("Administrative penalty")
    PROSECUTED = "prosecuted", _("Prosecuted")
    CONVICTED = "convicted", _("Convicted")
    ACQUITTED = "acquitted", _("Acquitted")
    CLOSED = "closed", _("Closed without penalty")


class AwardStatus(models.TextChoices):
    NOMINATIONS = "nominations", _("Open for nominations")
    SCORING = "scoring", _("Jury scoring")
    ANNOUNCED = "announced", _("Winners announced")
