"""Partners' meetings, workshops, side events and webinars."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level, LevelField, RestrictedQuerySet
from greencustoms.events.choices import EventKind, ParticipationMode, ReportStatus


class Event(models.Model):
    """A gathering of the initiative: a partners' meeting, a national or regional workshop, a side event, a webinar."""

    kind = models.CharField(_("kind"), max_length=30, choices=EventKind.choices)
    number = models.PositiveIntegerField(
        _("number"), null=True, blank=True, help_text=_("e.g. 12 for the 12th partners' meeting")
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    host = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("host organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hosted_events",
    )
    owner_partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="led_events",
    )
    remote_participation = models.BooleanField(_("remote participation"), default=False)
    description = models.TextField(_("description"), blank=True)
    access_level = LevelField(default=Level.INTRANET)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("event")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="%(app_label)s_%(class)s_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_partners_meeting(self) -> bool:
        return self.kind == EventKind.PARTNERS_MEETING


class MeetingSession(models.Model):
    """One item of a meeting's agenda: a session with its time, title, lead and, afterwards, its summary."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("event")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    label = models.CharField(_("label"), max_length=40, blank=True, help_text=_("e.g. Session 1, Opening"))
    day = models.DateField(_("day"), null=True, blank=True)
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    items = models.TextField(_("agenda items"), blank=True, help_text=_("one item a line"))
    lead = models.CharField(_("lead"), max_length=300, blank=True)
    lead_partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("agenda session")

    def __str__(self) -> str:
        return f"{self.label} – {self.title}" if self.label else self.title

    @property
    def item_list(self) -> list[str]:
        return [line.strip() for line in self.items.splitlines() if line.strip()]


class SessionDocument(models.Model):
    """A document presented or discussed in a session (a link to the file or page)."""

    session = models.ForeignKey(
        MeetingSession, on_delete=models.CASCADE, related_name="documents", verbose_name=_("session")
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("address"), max_length=500)

    class Meta:
        ordering = ["session", "pk"]
        verbose_name = _("session document")

    def __str__(self) -> str:
        return self.title


class Participant(models.Model):
    """A person who attended a meeting for an organization; contact goes through the organization's address."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="participants", verbose_name=_("event")
    )
    partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    organization = models.CharField(_("organization as named in the report"), max_length=300, blank=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=300, blank=True)
    mode = models.CharField(
        _("participation"),
        max_length=20,
        choices=ParticipationMode.choices,
        default=ParticipationMode.IN_PERSON,
    )

    class Meta:
        ordering = ["event", "partner__acronym", "organization", "name"]
        verbose_name = _("participant")

    def __str__(self) -> str:
        return f"{self.name or '—'} ({self.organization_name})"

    @property
    def is_remote(self) -> bool:
        return self.mode == ParticipationMode.REMOTE

    @property
    def organization_name(self) -> str:
        return self.organization or (self.partner.name if self.partner else "")

    @property
    def contact(self) -> str:
        """The organization's generic contact (address or contact page): never a personal address."""
        if self.partner is None:
            return ""
        return self.partner.contact_email or self.partner.contact_url


class KeyOutcome(models.Model):
    """A key outcome or recommendation recorded in a meeting's report."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="outcomes", verbose_name=_("event")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["event", "order", "pk"]
        verbose_name = _("key outcome")

    def __str__(self) -> str:
        return self.text[:80]


class MeetingReport(models.Model):
    """The report of a partners' meeting: drafted by the secretariat, approved by the partners, then final."""

    event = models.OneToOneField(
        Event, on_delete=models.CASCADE, related_name="report", verbose_name=_("event")
    )
    executive_summary = models.TextField(_("executive summary"), blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    conclusion = models.TextField(_("conclusion"), blank=True)
    status = models.CharField(
        _("status"), max_length=30, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    circulated_at = models.DateTimeField(_("circulated at"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("final since"), null=True, blank=True)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status_note = models.TextField(
        _("note on the status"),
        blank=True,
        help_text=_("e.g. a report made final before this platform, whose approvals are not recorded here"),
    )

    class Meta:
        verbose_name = _("meeting report")

    def __str__(self) -> str:
        return str(_("Report of %(event)s") % {"event": self.event})

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    @property
    def is_approved(self) -> bool:
        """Approved by all partners, with or without conditions (not yet final)."""
        return self.status in (ReportStatus.APPROVED, ReportStatus.APPROVED_WITH_CONDITIONS)

    @property
    def is_final(self) -> bool:
        return self.status == ReportStatus.FINAL

    @property
    def access_level(self) -> str:
        return self.event.access_level


class ReportApproval(models.Model):
    """A partner organization's approval of a meeting report."""

    report = models.ForeignKey(
        MeetingReport, on_delete=models.CASCADE, related_name="approvals", verbose_name=_("report")
    )
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(_("approved at"))
    comment = models.TextField(_("comment"), blank=True)
    with_conditions = models.BooleanField(
        _("approved with conditions"), default=False, help_text=_("The comment states the conditions.")
    )
    by_link = models.BooleanField(_("approved by the e-mail link"), default=False)

    class Meta:
        ordering = ["report", "partner__acronym"]
        verbose_name = _("report approval")
        constraints = [
            models.UniqueConstraint(
                fields=["report", "partner"], name="%(app_label)s_%(class)s_once_per_partner"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} ✓ {self.report}"


class ReportShortVersion(models.Model):
    """The short version (10–12 pages) of a meeting report: its own document, approved by a review round."""

    report = models.OneToOneField(
        MeetingReport, on_delete=models.CASCADE, related_name="short_version", verbose_name=_("report")
    )
    version = models.CharField(_("version"), max_length=60, default="draft 1")
    body = models.TextField(_("text"), help_text=_("Markdown"))
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"))
    is_demo = models.BooleanField(_("demonstration content"), default=False)

    class Meta:
        verbose_name = _("short version of a meeting report")

    def __str__(self) -> str:
        return str(_("Short version of the report of %(event)s") % {"event": self.report.event})

    @property
    def access_level(self) -> str:
        return self.report.event.access_level
