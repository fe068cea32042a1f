"""The organizations of the Green Customs Initiative."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.partners.choices import PartnerKind, PartnerStatus


class Partner(models.Model):
    """An organization of the initiative (or a candidate), with a generic contact, never a person's."""

    slug = models.SlugField(_("slug"), unique=True)
    acronym = models.CharField(_("acronym"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=PartnerKind.choices)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="divisions",
        verbose_name=_("part of"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PartnerStatus.choices, default=PartnerStatus.PARTNER
    )
    website = models.URLField(_("website"))
    customs_page = models.URLField(_("customs publications page"), blank=True)
    contact_email = models.EmailField(_("generic contact address"), blank=True)
    contact_url = models.URLField(_("contact page"), blank=True)
    agreements = models.JSONField(_("agreements administered"), default=list, blank=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["acronym"]
        verbose_name = _("partner organization")

    def __str__(self) -> str:
        return self.acronym

    @property
    def is_candidate(self) -> bool:
        return self.status == PartnerStatus.CANDIDATE
