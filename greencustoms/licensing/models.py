"""Licensing systems, focal points, quotas, licences, iPIC consultations and mirror analyses."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.countries import validate_country
from greencustoms.accounts.policy import Level, LevelField
from greencustoms.licensing.choices import ConsultationStatus, Direction, MirrorStatus


class LicensingSystem(models.Model):
    """A country's import/export licensing system for ODS and HFCs (Montreal Protocol Article 4B)."""

    country = models.CharField(_("country"), max_length=2, unique=True, validators=[validate_country])
    established = models.BooleanField(_("licensing system in place"), default=False)
    covers_hfc = models.BooleanField(_("covers HFCs (Kigali Amendment)"), default=False)
    since = models.DateField(_("in place since"), null=True, blank=True)
    ipic_participant = models.BooleanField(_("takes part in iPIC"), default=False)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    source = models.CharField(_("source"), max_length=300)
    source_date = models.DateField(_("source read on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    is_demo = models.BooleanField(_("demo record (invented)"), default=False)
    access_level = LevelField(default=Level.PUBLIC)

    class Meta:
        ordering = ["country"]

    def __str__(self) -> str:
        return f"{self.country} licensing system"


class FocalPoint(models.Model):
    """A country's national focal point for licensing and iPIC (the ozone officer): intranet level."""

    country = models.CharField(_("country"), max_length=2, validators=[validate_country], db_index=True)
    name = models.CharField(_("name"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="licensing_focal_points",
    )
    active = models.BooleanField(_("active"), default=True)
    is_demo = models.BooleanField(_("demo record (invented)"), default=False)
    access_level = LevelField(default=Level.INTRANET)

    class Meta:
        ordering = ["country", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"


class Quota(models.Model):
    """A country's import or export quota for one substance group and year, with its source."""

    country = models.CharField(_("country"), max_length=2, validators=[validate_country], db_index=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    group = models.CharField(
        _("substance group"), max_length=10
    )  # AI, CI, F … (data/ozone/montreal_groups.csv)
    year = models.PositiveSmallIntegerField(_("year"))
    substance = models.CharField(_("substance (when given in metric tonnes)"), max_length=60, blank=True)
    metric_tonnes = models.DecimalField(
        _("metric tonnes"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    odp_tonnes = models.DecimalField(_("ODP-tonnes"), max_digits=14, decimal_places=6, null=True, blank=True)
    co2e_tonnes = models.DecimalField(
        _("tonnes CO2-equivalent"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    used = models.DecimalField(_("used so far (quota unit)"), max_digits=16, decimal_places=6, default=0)
    source = models.CharField(_("source"), max_length=300)
    is_demo = models.BooleanField(_("demo record (invented)"), default=False)
    access_level = LevelField(default=Level.INTRANET)

    class Meta:
        ordering = ["country", "year", "group", "direction"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "direction", "group", "year"], name="%(app_label)s_%(class)s_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.country} {self.direction} quota {self.group} {self.year}"


class Licence(models.Model):
    """A licence issued under a country's licensing system: number, holder, substance, quantity, validity."""

    country = models.CharField(_("country"), max_length=2, validators=[validate_country], db_index=True)
    number = models.CharField(_("licence number"), max_length=60)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)
    holder = models.CharField(_("importer or exporter"), max_length=200)
    substance = models.CharField(_("substance"), max_length=60)  # controlled item id: hcfc-22, r-410a
    quantity_kg = models.DecimalField(_("quantity (kg)"), max_digits=14, decimal_places=3)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))
    source = models.CharField(_("source"), max_length=300)
    is_demo = models.BooleanField(_("demo record (invented)"), default=False)
    access_level = LevelField(default=Level.INTRANET)

    class Meta:
        ordering = ["country", "-valid_from", "number"]
        constraints = [
            models.UniqueConstraint(fields=["country", "number"], name="%(app_label)s_%(class)s_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")),
                name="%(app_label)s_%(class)s_validity",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country} licence {self.number}"


class Consultation(models.Model):
    """An iPIC consultation: the exporting country asks the importing country whether a shipment is licensed."""

    number = models.CharField(_("reference"), max_length=30, unique=True)
    exporting_country = models.CharField(_("exporting country"), max_length=2, validators=[validate_country])
    importing_country = models.CharField(_("importing country"), max_length=2, validators=[validate_country])
    substance = models.CharField(_("substance"), max_length=60)
    quantity_kg = models.DecimalField(_("quantity (kg)"), max_digits=14, decimal_places=3)
    importer = models.CharField(_("importer"), max_length=200)
    exporter = models.CharField(_("exporter"), max_length=200, blank=True)
    shipment_date = models.DateField(_("planned shipment date"))
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    asked_at = models.DateTimeField(_("asked at"))
    due_on = models.DateField(_("answer due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ConsultationStatus.choices, default=ConsultationStatus.PENDING
    )
    answer_reference = models.CharField(
        _("answer reference (licence or file number)"), max_length=100, blank=True
    )
    answer_note = models.TextField(_("note"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    reminders_sent = models.PositiveSmallIntegerField(_("reminders sent"), default=0)
    last_reminder_on = models.DateField(null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo record (invented)"), default=False)
    access_level = LevelField(default=Level.INTRANET)

    class Meta:
        ordering = ["-asked_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(exporting_country=models.F("importing_country")),
                name="%(app_label)s_%(class)s_two_countries",
            )
        ]

    def __str__(self) -> str:
        return f"iPIC {self.number}"

    @property
    def is_pending(self) -> bool:
        return self.status == ConsultationStatus.PENDING


class MirrorAnalysis(models.Model):
    """One mirror analysis run: the Comtrade-format file, its parameters, and the result table (Parquet)."""

    title = models.CharField(_("title"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(_("created at"))
    parameters = models.JSONField(_("parameters"), default=dict)
    status = models.CharField(
        _("status"), max_length=10, choices=MirrorStatus.choices, default=MirrorStatus.DONE
    )
    error = models.TextField(_("error"), blank=True)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    flagged = models.PositiveIntegerField(_("flagged"), default=0)
    result_path = models.CharField(max_length=300, blank=True)  # under PRIVATE_MEDIA_ROOT
    is_demo = models.BooleanField(_("demo record (invented)"), default=False)
    access_level = LevelField(default=Level.INTRANET)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title
