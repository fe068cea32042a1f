"""Models of the agreements domain: agreements, controlled items, HS codes, correlations, parties, releases."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.agreements.choices import Edition, HSConfidence, ItemKind, ItemStatus, PartyStatus


class Source(models.Model):
    """A public text or data set that reference facts are attributed to."""

    key = models.CharField(_("key"), max_length=60, unique=True)
    title = models.TextField(_("title"))
    publisher = models.CharField(_("publisher"), max_length=300, blank=True)
    url = models.URLField(_("address"), max_length=500, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    accessed = models.CharField(_("accessed"), max_length=20, blank=True)

    def __str__(self) -> str:
        return self.key


class Agreement(models.Model):
    """A multilateral agreement whose trade controls customs officers enforce."""

    slug = models.SlugField(_("slug"), unique=True)
    name = models.TextField(_("name"))
    short_name = models.CharField(_("short name"), max_length=100)
    adopted = models.DateField(_("adopted"), null=True, blank=True)
    in_force = models.DateField(_("in force since"), null=True, blank=True)
    secretariat = models.CharField(_("secretariat"), max_length=40, blank=True)
    url = models.URLField(_("website"), blank=True)
    restricts_non_party_trade = models.BooleanField(_("restricts trade with non-parties"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return self.short_name


class ControlledItem(models.Model):
    """A substance, mixture, taxon, waste or product listed by an agreement, with its controls."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="items")
    item_id = models.CharField(_("identifier"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=ItemKind.choices)
    name = models.TextField(_("name"))
    name_fr = models.TextField(_("name (French)"), blank=True)
    name_es = models.TextField(_("name (Spanish)"), blank=True)
    listing = models.CharField(_("listing"), max_length=300)
    cas = models.JSONField(_("CAS numbers"), default=list, blank=True)
    controls = models.JSONField(_("controls"), default=list, blank=True)
    documents = models.JSONField(_("documents required"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    position = models.PositiveIntegerField(default=0)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    # legal state of the listing (empty: not recorded); deleted listings are kept as history
    status = models.CharField(_("status"), max_length=30, choices=ItemStatus.choices, blank=True)
    decision = models.CharField(_("decision or amendment"), max_length=100, blank=True)
    entry_into_force = models.DateField(_("entry into force"), null=True, blank=True)
    deleted_on = models.DateField(_("deleted on"), null=True, blank=True)
    deleted_by = models.CharField(_("deleted by"), max_length=100, blank=True)
    status_source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["agreement__position", "position"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "item_id"], name="%(app_label)s_%(class)s_unique_id")
        ]

    def __str__(self) -> str:
        return f"{self.agreement.slug}/{self.item_id}"


class Synonym(models.Model):
    """Another name of a controlled item: synonym, trade name, designation (R-22) or formula."""

    item = models.ForeignKey(ControlledItem, on_delete=models.CASCADE, related_name="synonyms")
    synonym = models.CharField(_("synonym"), max_length=300)
    lang = models.CharField(_("language"), max_length=2)
    kind = models.CharField(_("kind"), max_length=20)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return self.synonym


class ItemHSCode(models.Model):
    """An HS code of one edition under which a controlled item is traded; ``ex`` when it covers more."""

    item = models.ForeignKey(ControlledItem, on_delete=models.CASCADE, related_name="hs_codes")
    edition = models.CharField(_("edition"), max_length=6, choices=Edition.choices)
    hs_code = models.CharField(_("HS code"), max_length=6)
    ex = models.BooleanField(_("ex (partial)"), default=False)
    note = models.TextField(_("note"), blank=True)
    # reviewed (hand list), correlation (1:1 UNSD link), candidate (many-to-many/partial link, not reviewed)
    confidence = models.CharField(_("confidence"), max_length=12, choices=HSConfidence.choices, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["edition", "hs_code"], name="agreements_itemhs_code_idx")]

    def __str__(self) -> str:
        return f"{'ex ' if self.ex else ''}{self.edition} {self.hs_code}"


class HSCode(models.Model):
    """A chapter, heading or subheading of one HS edition."""

    edition = models.CharField(_("edition"), max_length=6, choices=Edition.choices)
    code = models.CharField(_("code"), max_length=6)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.CharField(_("parent"), max_length=6, blank=True)
    description = models.TextField(_("description"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "code"], name="%(app_label)s_%(class)s_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.edition} {self.code}"


class Correlation(models.Model):
    """A link of the UNSD correlation tables between two HS editions."""

    from_edition = models.CharField(max_length=6, choices=Edition.choices)
    from_code = models.CharField(max_length=6)
    to_edition = models.CharField(max_length=6, choices=Edition.choices)
    to_code = models.CharField(max_length=6)
    relationship = models.CharField(max_length=3)
    partial = models.BooleanField(default=False)

    class Meta:
        indexes = [
            models.Index(fields=["from_edition", "from_code"], name="agreements_corr_from_idx"),
            models.Index(fields=["to_edition", "to_code"], name="agreements_corr_to_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.from_edition} {self.from_code} -> {self.to_edition} {self.to_code}"


class Country(models.Model):
    """A country or territory (ISO 3166), or the European Union as a party."""

    iso2 = models.CharField(_("ISO alpha-2"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO alpha-3"), max_length=3, blank=True)
    m49 = models.CharField(_("M49"), max_length=3, blank=True)
    name_en = models.CharField(_("name"), max_length=200)
    name_fr = models.CharField(_("name (French)"), max_length=200, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=200, blank=True)

    class Meta:
        ordering = ["name_en"]
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name_en


class Party(models.Model):
    """The status of a country to an agreement or amendment, with the date of its instrument."""

    instrument = models.CharField(_("agreement or amendment"), max_length=30)
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="parties")
    status = models.CharField(_("status"), max_length=20, choices=PartyStatus.choices)
    action = models.CharField(_("action"), max_length=30, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    in_force = models.DateField(_("in force"), null=True, blank=True)
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="+")
    # the date at which the source states the status (parties.csv ``as_of``; null: the source states none)
    as_of = models.DateField(_("as of"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["instrument", "country"], name="%(app_label)s_%(class)s_unique")
        ]

    def __str__(self) -> str:
        return f"{self.country_id} {self.instrument}"


class DataRelease(models.Model):
    """A version of the reference data as imported, with what changed since the previous one."""

    number = models.PositiveIntegerField(_("release"), unique=True)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.CharField(_("imported by"), max_length=200, blank=True)
    checksum = models.CharField(_("checksum"), max_length=64)
    counts = models.JSONField(_("counts"), default=dict)
    changelog = models.JSONField(_("changelog"), default=list)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"release {self.number} ({self.imported_at:%Y-%m-%d})"
