"""Vocabularies of the training domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkshopKind(models.TextChoices):
    """The formats agreed by the partners (3rd partners' meeting, 2007) and the complementary activities."""

    HIGH_LEVEL_BRIEFING = "high_level_briefing", _("High-level briefing")
    NATIONAL_AWARENESS = "national_awareness", _("National awareness briefing")
    REGIONAL_TTT = "regional_ttt", _("Regional train-the-trainer workshop (4 days)")
    NATIONAL_WORKSHOP = "national_workshop", _("National workshop (2 days)")
    SIDE_EVENT = "side_event", _("Side event")
    WEBINAR = "webinar", _("Webinar")
    PROSECUTORS = "prosecutors", _("Prosecutors' and judges' training")
    FREE_TRADE_ZONE = "free_trade_zone", _("Free-trade-zone workshop")


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    REPORTED = "reported", _("Reported")
    CANCELLED = "cancelled", _("Cancelled")


class Region(models.TextChoices):
    AFRICA = "africa", _("Africa")
    ASIA_PACIFIC = "asia_pacific", _("Asia and the Pacific")
    WEST_ASIA = "west_asia", _("West Asia")
    EUROPE_CENTRAL_ASIA = "europe_central_asia", _("Europe and Central Asia")
    LATIN_AMERICA_CARIBBEAN = "latin_america_caribbean", _("Latin America and the Caribbean")
    NORTH_AMERICA = "north_america", _("North America")
    GLOBAL = "global", _("Global")


class PreparationKind(models.TextChoices):
    """The documents partners agree on before a workshop (action 15 of the 3rd partners' meeting, 2007)."""

    AGENDA = "agenda", _("Agenda")
    CONCEPT_NOTE = "concept_note", _("Concept note")
    KEY_MESSAGES = "key_messages", _("Key messages")


class RegistrationStatus(models.TextChoices):
    NOMINATED = "nominated", _("Nominated, awaiting the organizer")
    ACCEPTED = "accepted", _("Accepted")
    WAITLISTED = "waitlisted", _("On the waiting list")
    REFUSED = "refused", _("Refused")
    CANCELLED = "cancelled", _("Cancelled")


class PackageStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved by the partner")


class NameUseStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")


#: Fields of a resource person's profile that the person may agree to show on the public page.
PUBLIC_PROFILE_FIELDS = ("name", "organization", "country", "languages", "agreements", "region", "bio")

#: The conditions an organization meets to call its national event "Green Customs" (action 15 of the 3rd
#: partners' meeting, 2007: "specific conditions will be provided"; the wording below is the platform's).
NAME_USE_CONDITIONS = (
    _("The agenda follows the model agenda of the national Green Customs package."),
    _(
        "Every trainer was trained at a regional Green Customs train-the-trainer workshop or is an accredited "
        "resource person."
    ),
    _("The presentations are those of an approved version of the national package."),
    _("Participants are asked to complete the compulsory e-learning modules before the workshop."),
    _("Attendance and the evaluation are reported to the GCI secretariat after the event."),
)
