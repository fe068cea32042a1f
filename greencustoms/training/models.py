"""Workshops of every kind, registration, resource persons, the national package, the use of the name."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts import policy
from greencustoms.accounts.countries import validate_country
from greencustoms.accounts.policy import Level
from greencustoms.events.models import Event
from greencustoms.library.storage import get_private_storage
from greencustoms.training.choices import (
    NameUseStatus,
    PackageStatus,
    PreparationKind,
    Region,
    RegistrationStatus,
    WorkshopKind,
    WorkshopStatus,
)


class WorkshopQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> WorkshopQuerySet:
        """Workshops whose event the user may see (the event carries the access level and lead partner)."""

        return self.filter(event__in=Event.objects.visible_to(user).values("pk"))


class Workshop(models.Model):
    """A training activity of the initiative; its dates, place, level and agenda live on its events.Event."""

    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="workshop", verbose_name=_("event")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=WorkshopKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    region = models.CharField(_("region"), max_length=30, choices=Region.choices, blank=True)
    administration = models.CharField(_("host administration"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    organizer = models.CharField(_("organizer"), max_length=300, blank=True)
    contributing_partners = models.ManyToManyField(
        "partners.Partner",
        blank=True,
        related_name="contributed_workshops",
        verbose_name=_("contributing partners"),
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", blank=True, related_name="workshops", verbose_name=_("agreements")
    )
    funding_source = models.CharField(_("funding source"), max_length=300, blank=True)
    seats = models.PositiveIntegerField(_("seats"), default=30)
    registration_open = models.BooleanField(_("call for nominations open"), default=False)
    call_for_nominations = models.TextField(_("call for nominations"), blank=True)
    trained_at = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cascade",
        verbose_name=_("trainers trained at"),
        help_text=_("the regional train-the-trainer workshop where this workshop's trainers were trained"),
    )
    name_use = models.OneToOneField(
        "NameUseApplication", null=True, blank=True, on_delete=models.SET_NULL, related_name="workshop"
    )
    source = models.CharField(_("source"), max_length=300, blank=True)
    demo_note = models.CharField(_("invented details"), max_length=300, blank=True)

    objects = WorkshopQuerySet.as_manager()

    class Meta:
        ordering = ["-event__start"]
        verbose_name = _("workshop")

    def __str__(self) -> str:
        return self.event.title

    # The access policy reads the level and lead partner of the event.
    @property
    def access_level(self) -> str:
        return self.event.access_level

    @property
    def owner_partner_id(self) -> int | None:
        return self.event.owner_partner_id


class PreparationDocument(models.Model):
    """A workshop's agenda, concept note or key messages, in the version its partners are asked to agree on."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="preparation_documents")
    kind = models.CharField(_("document"), max_length=20, choices=PreparationKind.choices)
    body = models.TextField(_("text"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    access_level = Level.INTRANET

    class Meta:
        ordering = ["workshop", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "kind"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.workshop}"

    @property
    def owner_partner_id(self) -> int | None:
        return self.workshop.owner_partner_id


class ModelAgenda(models.Model):
    """The model agenda of a kind of workshop (e.g. the 2-day national agenda of the package), cloned and edited."""

    kind = models.CharField(_("kind"), max_length=30, choices=WorkshopKind.choices, unique=True)
    title = models.CharField(_("title"), max_length=300)

    def __str__(self) -> str:
        return self.title


class ModelAgendaItem(models.Model):
    """One session of a model agenda: day number, times, title, items."""

    agenda = models.ForeignKey(ModelAgenda, on_delete=models.CASCADE, related_name="items")
    day = models.PositiveSmallIntegerField(_("day"), default=1)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    end_time = models.TimeField(_("ends at"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    items = models.TextField(_("agenda items"), blank=True)

    class Meta:
        ordering = ["agenda", "day", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class AdministrationFocalPoint(models.Model):
    """An officer whom a country's customs administration designated to nominate its participants for
    workshops (designated by the secretariat in the administration); nominates officers of that country."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_focal_points"
    )
    country = models.CharField(_("country"), max_length=2, validators=[validate_country])
    administration = models.CharField(_("administration"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo record (invented)"), default=False)

    class Meta:
        ordering = ["country", "administration"]
        verbose_name = _("administration focal point for training")
        constraints = [
            models.UniqueConstraint(fields=["user", "country"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.administration} ({self.country})"


class Registration(models.Model):
    """A participant of a workshop: applied or nominated, accepted, wait-listed, refused or cancelled."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    language = models.CharField(_("language"), max_length=8, blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    prerequisites_reminded_at = models.DateTimeField(
        _("last reminded of the compulsory modules"), null=True, blank=True
    )
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["workshop", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["workshop", "user"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.workshop}"

    @property
    def is_accepted(self) -> bool:
        return self.status == RegistrationStatus.ACCEPTED

    @property
    def is_cancelled(self) -> bool:
        return self.status == RegistrationStatus.CANCELLED


class Attendance(models.Model):
    """Whether a registered participant attended one day of the workshop."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="attendance")
    day = models.DateField(_("day"))
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        ordering = ["registration", "day"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "day"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} {self.day}: {self.present}"


class AttendanceCertificate(models.Model):
    """Proof that a participant attended a workshop; verified publicly like e-learning certificates."""

    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(max_length=20, unique=True)
    holder_name = models.CharField(max_length=150)
    module_title = models.CharField(
        max_length=300, help_text="the workshop's title (the name the verifier shows)"
    )
    issued_at = models.DateTimeField()

    subject_label = _("Workshop")

    def __str__(self) -> str:
        return self.code


class TrainerDelivery(models.Model):
    """A trainer (trained at a regional workshop) who delivered a national workshop: the cascade."""

    workshop = models.ForeignKey(Workshop, on_delete=models.CASCADE, related_name="trainer_deliveries")
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workshop", "trainer"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.trainer} delivered {self.workshop}"


class InstituteAdoption(models.Model):
    """A national customs training institute that integrated the Green Customs package in its curriculum."""

    country = models.CharField(_("country"), max_length=2)
    institute = models.CharField(_("institute"), max_length=300)
    adopted_on = models.DateField(_("adopted on"))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["country", "adopted_on"]

    def __str__(self) -> str:
        return f"{self.institute} ({self.country})"


# --- Resource persons --------------------------------------------------------------------------------


class ResourcePersonQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ResourcePersonQuerySet:

        return self if policy.can_view_roster(user) else self.none()


class ResourcePerson(models.Model):
    """A trainer or expert on a partner's roster: personal data kept at intranet level, with consent."""

    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    organization = models.CharField(_("organization"), max_length=300, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    agreements = models.ManyToManyField("agreements.Agreement", blank=True, related_name="+")
    nominating_partner = models.ForeignKey(
        "partners.Partner", on_delete=models.PROTECT, related_name="nominated_resource_persons"
    )
    bio = models.TextField(_("short biography"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="resource_person",
    )
    consent_at = models.DateTimeField(_("consent to the data being kept"), null=True, blank=True)
    public_fields = models.JSONField(_("shown on the public page"), default=list, blank=True)
    in_expert_database = models.BooleanField(_("in the expert database"), default=False)
    is_demo = models.BooleanField(default=False)

    objects = ResourcePersonQuerySet.as_manager()

    access_level = Level.INTRANET

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def owner_partner_id(self) -> int:
        return self.nominating_partner_id


class Accreditation(models.Model):
    """A partner's accreditation of a resource person for one agreement, until an expiry date."""

    person = models.ForeignKey(ResourcePerson, on_delete=models.CASCADE, related_name="accreditations")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="+")
    granted_on = models.DateField(_("granted on"))
    expires_on = models.DateField(_("expires on"))
    briefed_on = models.DateField(_("briefed on"), null=True, blank=True)
    guidelines_acknowledged = models.BooleanField(_("presenter guidelines acknowledged"), default=False)

    class Meta:
        ordering = ["person", "agreement__slug", "-expires_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gte=models.F("granted_on")),
                name="%(app_label)s_%(class)s_expires_after_grant",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} / {self.agreement_id} until {self.expires_on}"

    def valid_on(self, day: Any) -> bool:
        return self.granted_on <= day <= self.expires_on


class SessionAssignment(models.Model):
    """A resource person presenting an agenda session of a workshop, for one agreement."""

    session = models.ForeignKey("events.MeetingSession", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(ResourcePerson, on_delete=models.PROTECT, related_name="assignments")
    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.session}"


class Referral(models.Model):
    """A partner's referral of an expert to an expert database (the WCO's relies on them)."""

    person = models.ForeignKey(ResourcePerson, on_delete=models.CASCADE, related_name="referrals")
    referred_by = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    to = models.CharField(_("referred to"), max_length=200)
    at = models.DateTimeField()
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.person} → {self.to}"


# --- The national package ----------------------------------------------------------------------------


class PackageVersion(models.Model):
    """One version of a partner's part of the national package for one agreement, in one language."""

    agreement = models.ForeignKey("agreements.Agreement", on_delete=models.PROTECT, related_name="+")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=300)
    presenter_notes = models.TextField(_("notes for the presenter"), blank=True)
    complex_points = models.TextField(_("points complex to present"), blank=True)
    contacts = models.TextField(_("contacts for clarification"), blank=True)
    guide_chapter = models.ForeignKey(
        "guide.Chapter", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=PackageStatus.choices, default=PackageStatus.DRAFT)
    created_at = models.DateTimeField()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    access_level = Level.INTRANET

    class Meta:
        ordering = ["agreement__slug", "partner__acronym", "language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "partner", "language", "number"], name="%(app_label)s_%(class)s_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.number} ({self.language})"

    @property
    def owner_partner_id(self) -> int:
        return self.partner_id

    @property
    def is_approved(self) -> bool:
        """Approved by its partner: it goes into the kits (a draft does not)."""
        return self.status == PackageStatus.APPROVED


class PackageFile(models.Model):
    """A file of a package version: the slides of the presentation, a handout, a print file."""

    version = models.ForeignKey(PackageVersion, on_delete=models.CASCADE, related_name="files")
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(upload_to="training/package/", storage=get_private_storage)
    for_print = models.BooleanField(_("print file for organizers"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(null=True, blank=True)

    access_level = Level.INTRANET

    class Meta:
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def owner_partner_id(self) -> int:
        return self.version.partner_id

    @property
    def filename(self) -> str:
        return (self.file.name or "").rsplit("/", 1)[-1]


# --- The use of the name "Green Customs" -------------------------------------------------------------


class NameUseApplication(models.Model):
    """An organization's request to call its national event "Green Customs", decided by the secretariat."""

    organization = models.CharField(_("organization"), max_length=300)
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    event_title = models.CharField(_("event title"), max_length=300)
    country = models.CharField(_("country"), max_length=2)
    city = models.CharField(_("city"), max_length=100, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    agenda = models.TextField(_("agenda"))
    trainers = models.TextField(_("trainers"))
    package_versions = models.ManyToManyField(PackageVersion, blank=True, related_name="+")
    status = models.CharField(max_length=20, choices=NameUseStatus.choices, default=NameUseStatus.SUBMITTED)
    reasons = models.TextField(_("reasons"), blank=True)
    submitted_at = models.DateTimeField()
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at"]

    def __str__(self) -> str:
        return self.event_title

    @property
    def is_submitted(self) -> bool:
        """Still waiting for the secretariat's decision."""
        return self.status == NameUseStatus.SUBMITTED
