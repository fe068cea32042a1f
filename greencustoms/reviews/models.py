"""Review rounds on any document: who was asked, on which version, and what each partner answered."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level
from greencustoms.reviews.choices import APPROVING, Decision, ReviewEventKind, RoundStatus


class Round(models.Model):
    """A round of partner review on one version of a document (Guide edition, ToR, flyer, report…)."""

    subject_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("subject_type", "subject_id")
    title = models.CharField(_("document"), max_length=300, help_text=_("How e-mails and lists name it"))
    version = models.CharField(_("version reviewed"), max_length=60)
    url = models.CharField(_("where partners read and answer"), max_length=500, blank=True)
    number = models.PositiveIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    deadline = models.DateField(_("deadline for answers"))
    message = models.TextField(_("message to the partners"), blank=True)
    opened_at = models.DateTimeField(_("opened at"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    access_level = Level.INTRANET

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("review round")
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="reviews_round_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_id", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
            models.UniqueConstraint(
                fields=["subject_type", "subject_id"],
                condition=models.Q(status="open"),
                name="%(app_label)s_%(class)s_one_open_round",
            ),
        ]

    def __str__(self) -> str:
        return _("Review round %(number)s of %(title)s") % {"number": self.number, "title": self.title}

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def link(self) -> str:
        """The page where partners read the version and answer (the document's own page, or the generic one)."""
        if self.url:
            return self.url
        from django.urls import reverse

        return reverse("reviews:detail", args=[self.pk])


class Answer(models.Model):
    """A concerned partner's answer on the version of a round: pending, approved, with conditions, comments."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="answers")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    version = models.CharField(_("version answered"), max_length=60, blank=True)
    decision = models.CharField(
        _("decision"), max_length=30, choices=Decision.choices, default=Decision.PENDING
    )
    text = models.TextField(_("conditions or comments"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reminders_sent = models.PositiveIntegerField(_("reminders sent"), default=0)
    last_reminded_at = models.DateTimeField(_("last reminder"), null=True, blank=True)

    access_level = Level.INTRANET

    class Meta:
        ordering = ["round", "partner__acronym"]
        verbose_name = _("partner's answer")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "partner"], name="%(app_label)s_%(class)s_unique_partner"
            ),
            models.CheckConstraint(
                condition=~models.Q(decision__in=["approved_with_conditions", "commented"])
                | ~models.Q(text=""),
                name="%(app_label)s_%(class)s_text_stated",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.get_decision_display()}"

    @property
    def owner_partner_id(self) -> int:
        return self.partner_id

    @property
    def has_answered(self) -> bool:
        return self.decision != Decision.PENDING

    @property
    def is_approval(self) -> bool:
        return self.decision in APPROVING

    @property
    def conditions(self) -> str:
        return self.text if self.decision == Decision.APPROVED_WITH_CONDITIONS else ""


class Event(models.Model):
    """One entry of a review round's history (never changed once written)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"))
    kind = models.CharField(_("what"), max_length=20, choices=ReviewEventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    version = models.CharField(_("version"), max_length=60, blank=True)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("review event")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_kind_display()}"
