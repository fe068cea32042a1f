"""Seizure records (a public summary and a restricted detail) and the Green Customs Award."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.choices import Level
from greencustoms.cases.choices import (
    AwardStatus,
    CaseStatus,
    Concealment,
    Detection,
    FollowUp,
    Region,
    Transport,
    Unit,
)
from greencustoms.library.storage import get_private_storage

#: The fields of the public summary: what anyone sees once the secretariat has published it. Never the
#: offender's personal data (the model keeps those only in the restricted part; see ``RESTRICTED_FIELDS``).
PUBLIC_FIELDS = (
    "date",
    "country",
    "region",
    "agreements",
    "commodity",
    "quantity",
    "unit",
    "odp_tonnes",
    "co2e_tonnes",
    "concealment",
    "detection",
    "prosecution",
    "penalty",
    "summary",
)
#: The restricted detail (enforcement level, the reviewing partners and the secretariat).
RESTRICTED_FIELDS = (
    "administration",
    "place",
    "transport",
    "origin",
    "transit",
    "destination",
    "items",
    "hs_declared",
    "hs_found",
    "concealment_detail",
    "detection_detail",
    "follow_up",
    "court",
    "penalty_amount",
    "penalty_currency",
    "sentence",
    "offender_name",
    "offender_details",
    "detail",
    "sources",
    "screening_ref",
)


class SeizureCase(models.Model):
    """A seizure of goods controlled by an agreement, as recorded by a customs administration."""

    # --- public summary (approved separately, published by the secretariat) ---
    date = models.DateField(_("date of seizure"))
    country = models.CharField(_("country (ISO code)"), max_length=2)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    agreements = models.JSONField(_("agreements"), default=list, blank=True)
    commodity = models.CharField(_("commodity"), max_length=200)
    quantity = models.DecimalField(_("quantity"), max_digits=14, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=12, choices=Unit.choices, default=Unit.KG)
    odp_tonnes = models.DecimalField(_("ODP tonnes"), max_digits=16, decimal_places=6, null=True, blank=True)
    co2e_tonnes = models.DecimalField(
        _("tonnes CO2e"), max_digits=16, decimal_places=3, null=True, blank=True
    )
    concealment = models.CharField(_("concealment"), max_length=20, choices=Concealment.choices, blank=True)
    detection = models.CharField(_("detection"), max_length=20, choices=Detection.choices, blank=True)
    prosecution = models.BooleanField(_("prosecuted"), default=False)
    penalty = models.BooleanField(_("penalty imposed"), default=False)
    summary = models.TextField(_("public summary"), blank=True)
    summary_approved_at = models.DateTimeField(null=True, blank=True)
    summary_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # --- restricted detail (enforcement level) ---
    administration = models.CharField(_("reporting administration"), max_length=200, blank=True)
    place = models.CharField(_("place of seizure"), max_length=200, blank=True)
    transport = models.CharField(_("mode of transport"), max_length=12, choices=Transport.choices, blank=True)
    origin = models.CharField(_("origin (ISO code)"), max_length=2, blank=True)
    transit = models.JSONField(_("transit countries"), default=list, blank=True)
    destination = models.CharField(_("destination (ISO code)"), max_length=2, blank=True)
    items = models.JSONField(_("controlled items"), default=list, blank=True)
    hs_declared = models.CharField(_("HS code declared"), max_length=12, blank=True)
    hs_found = models.CharField(_("HS code found"), max_length=12, blank=True)
    concealment_detail = models.TextField(_("concealment in detail"), blank=True)
    detection_detail = models.TextField(_("detection in detail"), blank=True)
    follow_up = models.CharField(_("follow-up"), max_length=20, choices=FollowUp.choices, blank=True)
    court = models.CharField(_("court"), max_length=200, blank=True)
    penalty_amount = models.DecimalField(
        _("penalty amount"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    penalty_currency = models.CharField(_("currency"), max_length=3, blank=True)
    sentence = models.CharField(_("sentence"), max_length=300, blank=True)
    offender_name = models.CharField(_("offender (person or company)"), max_length=300, blank=True)
    offender_details = models.TextField(_("offender details"), blank=True)
    detail = models.TextField(_("restricted account of the case"), blank=True)
    sources = models.TextField(_("sources"), blank=True)
    screening_ref = models.CharField(_("screening job and line"), max_length=100, blank=True)
    # --- workflow ---
    status = models.CharField(max_length=12, choices=CaseStatus.choices, default=CaseStatus.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewers = models.ManyToManyField("partners.Partner", blank=True, related_name="+")
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review_note = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cen_reference = models.CharField(_("CEN reference"), max_length=60, blank=True)
    news_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(default=False)
    demo_note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(summary_approved_at__isnull=False),
                name="%(app_label)s_%(class)s_published_summary_approved",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.country} {self.commodity}"

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])

    @property
    def access_level(self) -> str:
        """The public summary is public once published; before that the record is not public at all."""
        return Level.PUBLIC if self.status == CaseStatus.PUBLISHED else Level.ENFORCEMENT

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def is_published(self) -> bool:
        return self.status == CaseStatus.PUBLISHED

    @property
    def is_reviewed(self) -> bool:
        return self.status == CaseStatus.REVIEWED

    @property
    def public_photos(self) -> list[CasePhoto]:
        """The photos approved with the public summary of this published case (the gallery's pictures)."""
        return [p for p in self.photos.all() if p.is_public]

    @property
    def is_submittable(self) -> bool:
        """A draft, or a record returned for changes: its author may submit it for review."""
        return self.status in (CaseStatus.DRAFT, CaseStatus.RETURNED)


class AwardScheme(models.Model):
    """The Green Customs Award of one year: its criteria, jury, nominations and winners."""

    year = models.PositiveIntegerField(unique=True)
    title = models.CharField(max_length=200)
    rules = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=AwardStatus.choices, default=AwardStatus.NOMINATIONS)
    winners = models.PositiveSmallIntegerField(default=3)
    announced_at = models.DateTimeField(null=True, blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_nominations(self) -> bool:
        return self.status == AwardStatus.NOMINATIONS

    @property
    def is_scoring(self) -> bool:
        return self.status == AwardStatus.SCORING

    @property
    def is_announced(self) -> bool:
        return self.status == AwardStatus.ANNOUNCED


class Criterion(models.Model):
    """A criterion of the award with its weight, as agreed by the partners."""

    scheme = models.ForeignKey(AwardScheme, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    weight = models.DecimalField(
        max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "name"], name="%(app_label)s_%(class)s_unique_name"),
            models.CheckConstraint(
                condition=models.Q(weight__gt=0), name="%(app_label)s_%(class)s_weight_pos"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class JuryMember(models.Model):
    """A partner's member of the year's jury."""

    scheme = models.ForeignKey(AwardScheme, on_delete=models.CASCADE, related_name="jury")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "partner"], name="%(app_label)s_%(class)s_one_per_partner"
            ),
            models.UniqueConstraint(fields=["scheme", "user"], name="%(app_label)s_%(class)s_unique_user"),
        ]

    def __str__(self) -> str:
        return f"{self.partner.acronym}: {self.user}"


class Nomination(models.Model):
    """A nomination for the award: an administration's exemplary work, linked to cases or training."""

    scheme = models.ForeignKey(AwardScheme, on_delete=models.CASCADE, related_name="nominations")
    title = models.CharField(max_length=200)
    nominee = models.CharField(_("nominated administration or team"), max_length=200)
    country = models.CharField(max_length=2)
    statement = models.TextField(_("why the work is exemplary"))
    cases = models.ManyToManyField(SeizureCase, blank=True, related_name="nominations")
    training_work = models.TextField(_("training work"), blank=True)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    nominating_partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField()
    eligible = models.BooleanField(null=True)
    eligibility_note = models.TextField(blank=True)
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class ConflictOfInterest(models.Model):
    """A jury member's declared conflict with a nomination: their scores for it do not count."""

    member = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="conflicts")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="conflicts")
    reason = models.CharField(max_length=300)
    declared_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "nomination"], name="%(app_label)s_%(class)s_unique")
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason}"


class Score(models.Model):
    """A jury member's mark (0–10) for a nomination on one criterion."""

    member = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="scores")
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(
        max_digits=4, decimal_places=1, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "nomination", "criterion"], name="%(app_label)s_%(class)s_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=0) & models.Q(value__lte=10),
                name="%(app_label)s_%(class)s_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member_id}/{self.nomination_id}/{self.criterion_id}: {self.value}"


class AwardCertificate(models.Model):
    """A winner's certificate; verifiable publicly by its code (like the e-learning certificates)."""

    nomination = models.OneToOneField(Nomination, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(max_length=20, unique=True)
    rank = models.PositiveSmallIntegerField()
    holder = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
    year = models.PositiveIntegerField()
    issued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.code


class RelatedHonour(models.Model):
    """A partner's own award recorded alongside ours (e.g. the CITES Secretary-General's certificate)."""

    year = models.PositiveIntegerField()
    name = models.CharField(max_length=200)
    awarded_by = models.ForeignKey("partners.Partner", null=True, blank=True, on_delete=models.SET_NULL)
    recipient = models.CharField(max_length=200)
    country = models.CharField(max_length=2, blank=True)
    citation = models.TextField(blank=True)
    source_url = models.URLField(blank=True)
    case = models.ForeignKey(SeizureCase, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    is_demo = models.BooleanField(default=False)

    class Meta:
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.year}: {self.recipient}"


def _photo_path(instance: CasePhoto, filename: str) -> str:
    """Photos live in the private storage (never under /media/): served only through the checked view."""
    return f"cases/photos/{instance.case_id}/{filename}"


class CasePhoto(models.Model):
    """A photograph of a seizure. Enforcement level unless marked for the public summary *and* approved with
    it (the approval of the summary approves the photos then marked public) *and* the case is published."""

    case = models.ForeignKey(SeizureCase, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=_photo_path, storage=get_private_storage, max_length=300)
    content_type = models.CharField(max_length=40)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    alt_text = models.CharField(_("description for screen readers (alt text)"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    public = models.BooleanField(_("show with the public summary"), default=False)
    approved_at = models.DateTimeField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.case_id}: {self.alt_text}"

    def get_absolute_url(self) -> str:
        return reverse("cases:photo", args=[self.case_id, self.pk])

    @property
    def access_level(self) -> str:
        if self.public and self.approved_at is not None and self.case.status == CaseStatus.PUBLISHED:
            return Level.PUBLIC
        return Level.ENFORCEMENT

    @property
    def is_public(self) -> bool:
        return self.access_level == Level.PUBLIC
