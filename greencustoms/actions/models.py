"""Agreed action points, the activity plan, membership requests and funding proposals of the partnership."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level, LevelField, RestrictedQuerySet
from greencustoms.actions.choices import (
    DATED_KINDS,
    PENDING_STATUSES,
    ActionStatus,
    ActivityStatus,
    DonorResponse,
    DueKind,
    Intention,
    MembershipStatus,
    MembershipView,
    ProposalStage,
    ProposalStatus,
)
from greencustoms.actions.due import Due, month_end
from greencustoms.events.choices import EventKind


class ActionPointQuerySet(RestrictedQuerySet):
    """Action points, with the filters of the action list."""

    def pending(self) -> ActionPointQuerySet:
        return self.filter(status__in=PENDING_STATUSES)

    def overdue(self, *, today: date) -> ActionPointQuerySet:
        """Dated, still pending, and past the last on-time day."""
        return self.pending().filter(due_kind__in=DATED_KINDS, due_date__lt=today)

    def owned_by_partner(self, partner_id: int) -> ActionPointQuerySet:
        """Actions a partner organization owns: named as owner, or given to each partner."""
        return self.filter(models.Q(owners__id=partner_id) | models.Q(owner_each_partner=True)).distinct()


class ActionPoint(models.Model):
    """A commitment agreed at a partners' meeting, owned by partners or the secretariat, due by a date or kind."""

    meeting = models.ForeignKey(
        "events.Event",
        on_delete=models.CASCADE,
        related_name="action_points",
        verbose_name=_("meeting"),
        limit_choices_to={"kind": EventKind.PARTNERS_MEETING},
    )
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=200, blank=True)
    text = models.TextField(_("text"))
    owners = models.ManyToManyField(
        "partners.Partner", blank=True, related_name="action_points", verbose_name=_("owner partners")
    )
    owner_secretariat = models.BooleanField(_("the GCI secretariat"), default=False)
    owner_each_partner = models.BooleanField(_("each partner"), default=False)
    owners_text = models.CharField(
        _("by whom, as agreed"), max_length=500, blank=True, help_text=_("the words of the report")
    )
    due_kind = models.CharField(_("due"), max_length=20, choices=DueKind.choices, default=DueKind.NONE)
    due_date = models.DateField(
        _("last day on time"), null=True, blank=True, help_text=_("for a month: its last day")
    )
    due_text = models.CharField(_("by when, as agreed"), max_length=500, blank=True)
    due_derived = models.BooleanField(
        _("deadline derived"),
        default=False,
        help_text=_(
            "The date is read from words that are not a date (“in a week”); the words are the report's."
        ),
    )
    owners_derived = models.BooleanField(
        _("owners derived"),
        default=False,
        help_text=_("Owners read from the report's text (e.g. the drafting task force), not its “By whom”."),
    )
    source = models.CharField(
        _("where the report states it"),
        max_length=200,
        blank=True,
        help_text=_("e.g. “Annex: action points”, “Key recommendations”, “Body: E-learning”"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN, db_index=True
    )
    status_is_demo = models.BooleanField(
        _("demo status"), default=False, help_text=_("The status was invented for the demonstration.")
    )
    access_level = LevelField(default=Level.INTRANET)

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["meeting", "number"]
        verbose_name = _("action point")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="%(app_label)s_%(class)s_number_per_meeting"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(due_kind__in=[DueKind.DATE, DueKind.MONTH], due_date__isnull=False)
                    | (
                        ~models.Q(due_kind__in=[DueKind.DATE, DueKind.MONTH])
                        & models.Q(due_date__isnull=True)
                    )
                ),
                name="%(app_label)s_%(class)s_date_only_for_dated_kinds",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.meeting_id}/{self.number}: {self.text[:60]}"

    @property
    def due(self) -> Due:
        return Due(DueKind(self.due_kind), self.due_date, self.due_text, derived=self.due_derived)

    def clean(self) -> None:
        """A month deadline is kept as the month's last day; only dated kinds carry a date."""
        if self.due_kind == DueKind.MONTH and self.due_date is not None:
            self.due_date = month_end(self.due_date.year, self.due_date.month)
        try:
            Due(DueKind(self.due_kind), self.due_date, self.due_text)
        except ValueError as exc:
            raise ValidationError({"due_date": str(exc)}) from exc

    def is_overdue(self, *, today: date) -> bool:
        return self.due.is_overdue(today=today, status=self.status)

    def owner_labels(self) -> list[str]:
        """Acronyms of the owner partners, then "GCI Secretariat" and "Each partner" where they apply."""
        labels = [p.acronym for p in self.owners.all()]
        if self.owner_secretariat:
            labels.append(str(_("GCI Secretariat")))
        if self.owner_each_partner:
            labels.append(str(_("Each partner")))
        return labels


class ProgressNote(models.Model):
    """A dated note on how an action is going, with a link to the evidence, and the status it set."""

    action = models.ForeignKey(
        ActionPoint, on_delete=models.CASCADE, related_name="notes", verbose_name=_("action")
    )
    on = models.DateField(_("date"))
    text = models.TextField(_("progress"))
    evidence_url = models.URLField(_("evidence (link)"), max_length=500, blank=True)
    status = models.CharField(_("status set"), max_length=20, choices=ActionStatus.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("recorded at"))
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["action", "on", "pk"]
        verbose_name = _("progress note")

    def __str__(self) -> str:
        return f"{self.on}: {self.text[:60]}"


class ReminderSent(models.Model):
    """One reminder rule fired for one action and one recipient (so that it fires only once)."""

    action = models.ForeignKey(ActionPoint, on_delete=models.CASCADE, related_name="reminders")
    rule = models.CharField(max_length=40, help_text="e.g. before:14@2007-11-30 or overdue:0@2007-11-30")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["action", "rule", "recipient"], name="%(app_label)s_%(class)s_once_per_rule"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} → {self.recipient_id}"


class PlannedActivity(models.Model):
    """An activity in the plan (workshop, side event, webinar, meeting) with tentative dates and a lead partner."""

    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=300)
    start = models.DateField(_("tentative start"))
    end = models.DateField(_("tentative end"))
    dates_text = models.CharField(_("dates as announced"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=100, blank=True)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    owner_partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="planned_activities",
    )
    lead_secretariat = models.BooleanField(_("led by the GCI secretariat"), default=False)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.TENTATIVE
    )
    description = models.TextField(_("description"), blank=True)
    agreed_at = models.ForeignKey(
        "events.Event",
        verbose_name=_("planned at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_activities",
    )
    event = models.OneToOneField(
        "events.Event",
        verbose_name=_("event, once organized"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="planned_as",
    )
    access_level = LevelField(default=Level.INTRANET)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["start", "title"]
        verbose_name = _("planned activity")
        verbose_name_plural = _("planned activities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityResponse(models.Model):
    """A partner's comment on a planned activity and its intention to take part."""

    activity = models.ForeignKey(PlannedActivity, on_delete=models.CASCADE, related_name="responses")
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    intention = models.CharField(_("intention"), max_length=10, choices=Intention.choices)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("answered at"))

    class Meta:
        ordering = ["activity", "partner__acronym"]
        verbose_name = _("partner's response")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "partner"], name="%(app_label)s_%(class)s_one_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.intention}"

    @property
    def takes_part(self) -> bool:
        return self.intention == Intention.YES


class MembershipRequest(models.Model):
    """An organization's request to join the initiative, on which partners give views and the secretariat decides."""

    organization = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="membership_requests",
        verbose_name=_("organization"),
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    summary = models.TextField(_("request"), blank=True)
    raised_at = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("discussed at"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MembershipStatus.choices, default=MembershipStatus.PENDING
    )
    decision_text = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    access_level = LevelField(default=Level.INTRANET)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("membership request")

    def __str__(self) -> str:
        return str(_("Membership request of %(org)s") % {"org": self.organization})


class PartnerView(models.Model):
    """One partner's view on a membership request."""

    request = models.ForeignKey(MembershipRequest, on_delete=models.CASCADE, related_name="views")
    partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    view = models.CharField(_("view"), max_length=10, choices=MembershipView.choices)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["request", "partner__acronym"]
        verbose_name = _("partner's view")
        constraints = [
            models.UniqueConstraint(
                fields=["request", "partner"], name="%(app_label)s_%(class)s_one_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner}: {self.view}"


class FundingProposal(models.Model):
    """A proposal to fund the initiative's work (concept note, then full proposal), sent to donors."""

    title = models.CharField(_("title"), max_length=300)
    stage = models.CharField(
        _("stage"), max_length=20, choices=ProposalStage.choices, default=ProposalStage.CONCEPT_NOTE
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.DRAFTING
    )
    summary = models.TextField(_("summary"), blank=True)
    period = models.CharField(_("period"), max_length=100, blank=True)
    currency = models.CharField(_("currency"), max_length=3, default="USD")
    amount_requested = models.DecimalField(
        _("amount requested"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    discussed_at = models.ForeignKey(
        "events.Event",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("discussed at"),
    )
    owner_partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("lead partner"),
    )
    document_url = models.URLField(_("document (link)"), max_length=500, blank=True)
    access_level = LevelField(default=Level.INTRANET)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("funding proposal")

    def __str__(self) -> str:
        return self.title

    @property
    def amount_pledged(self) -> Decimal:
        """The sum of the amounts donors pledged (in the proposal's currency)."""
        return sum((d.amount_pledged or Decimal(0) for d in self.donors.all()), Decimal(0))


class DonorApproach(models.Model):
    """A donor approached with a funding proposal, its answer and any amount pledged."""

    proposal = models.ForeignKey(FundingProposal, on_delete=models.CASCADE, related_name="donors")
    donor = models.CharField(_("donor"), max_length=200)
    approached_on = models.DateField(_("approached on"), null=True, blank=True)
    response = models.CharField(
        _("response"), max_length=20, choices=DonorResponse.choices, default=DonorResponse.APPROACHED
    )
    amount_pledged = models.DecimalField(
        _("amount pledged"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["proposal", "donor"]
        verbose_name = _("donor approached")

    def __str__(self) -> str:
        return self.donor
