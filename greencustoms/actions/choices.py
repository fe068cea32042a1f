"""Constants of the actions domain: due kinds, statuses, intentions, decisions, funding stages."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DueKind(models.TextChoices):
    """How an action's deadline was agreed: a day, a month, or an open commitment without a date."""

    DATE = "date", _("By a date")
    MONTH = "month", _("By the end of a month")
    ASAP = "asap", _("As soon as possible")
    ONGOING = "ongoing", _("On-going")
    EACH_WORKSHOP = "each_workshop", _("At each workshop")
    NEXT_MEETING = "next_meeting", _("By the next partners' meeting")
    GUIDE_FINAL = "guide_final", _("Once the Guide is final")
    NONE = "none", _("No deadline set")


#: Kinds with a calendar deadline (the only ones that can be overdue).
DATED_KINDS = frozenset({DueKind.DATE, DueKind.MONTH})

#: Kinds due when an event happens (the next meeting held, the Guide published): then they have a date.
CONDITIONAL_KINDS = frozenset({DueKind.NEXT_MEETING, DueKind.GUIDE_FINAL})


class ActionStatus(models.TextChoices):
    """Where an agreed action stands."""

    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: Statuses of actions still to be carried out.
PENDING_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


class Intention(models.TextChoices):
    """A partner's intention to take part in a planned activity."""

    YES = "yes", _("Will take part")
    MAYBE = "maybe", _("May take part")
    NO = "no", _("Will not take part")


class ActivityStatus(models.TextChoices):
    """Where a planned activity stands."""

    TENTATIVE = "tentative", _("Tentative")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MembershipView(models.TextChoices):
    """A partner's view on a request to join the initiative."""

    SUPPORT = "support", _("Supports")
    OBJECT = "object", _("Objects")
    ABSTAIN = "abstain", _("No objection, no opinion")


class MembershipStatus(models.TextChoices):
    """Where a membership request stands."""

    PENDING = "pending", _("Pending: partners consulted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class ProposalStage(models.TextChoices):
    """How far a funding proposal has been written."""

    CONCEPT_NOTE = "concept_note", _("Concept note")
    FULL_PROPOSAL = "full_proposal", _("Full proposal")


class ProposalStatus(models.TextChoices):
    """Where a funding proposal stands."""

    DRAFTING = "drafting", _("Being drafted")
    SUBMITTED = "submitted", _("Submitted to donors")
    FUNDED = "funded", _("Funded")
    PARTLY_FUNDED = "partly_funded", _("Partly funded")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class DonorResponse(models.TextChoices):
    """What a donor answered."""

    APPROACHED = "approached", _("Approached, no answer yet")
    INTERESTED = "interested", _("Interested")
    PLEDGED = "pledged", _("Pledged")
    DECLINED = "declined", _("Declined")
