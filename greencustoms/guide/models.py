"""The Green Customs Guide: editions, chapters, sections, review comments and distribution requests.

Review rounds and partners' answers are :mod:`greencustoms.reviews` rounds on a :class:`Guide`."""

from __future__ import annotations

import unicodedata

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level
from greencustoms.guide.choices import (
    AgreementSlug,
    ChapterKind,
    Generated,
    GuideStatus,
    SectionKind,
    SectionOrder,
)

DEFAULT_COPYRIGHT = (
    "This publication may be reproduced in whole or in part and in any form for educational or "
    "non-profit purposes without special permission from the copyright holders, provided the content is "
    "not changed and acknowledgement of the source and authors is made."
)


def sort_key(text: str) -> str:
    """Alphabetical key that ignores case and accents (É sorts with E)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


class Guide(models.Model):
    """One edition of the Green Customs Guide (a year, its languages and its state of publication)."""

    year = models.PositiveIntegerField(_("year"), unique=True)
    edition = models.CharField(_("edition"), max_length=100, help_text=_("e.g. “Third edition”"))
    title = models.CharField(_("title"), max_length=300)
    subtitle = models.CharField(_("subtitle"), max_length=300, blank=True)
    languages = models.JSONField(_("languages"), default=list, help_text=_("Language codes, e.g. en, fr"))
    copyright = models.TextField(_("copyright statement"), default=DEFAULT_COPYRIGHT)
    status = models.CharField(
        _("status"), max_length=20, choices=GuideStatus.choices, default=GuideStatus.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_demo = models.BooleanField(_("demonstration content"), default=False)
    # Review rounds live in the generic reviews app (one mechanism for every document).
    rounds = GenericRelation(
        "reviews.Round",
        content_type_field="subject_type",
        object_id_field="subject_id",
        related_query_name="guide",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Guide edition")

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"

    @property
    def access_level(self) -> str:
        """Published editions are public; drafts are for partners and the secretariat."""
        return Level.PUBLIC if self.status == GuideStatus.PUBLISHED else Level.INTRANET

    @property
    def is_published(self) -> bool:
        return self.status == GuideStatus.PUBLISHED


class Chapter(models.Model):
    """A part of a Guide edition: foreword, preface, numbered chapter, conclusion or annex."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveIntegerField(_("position"), help_text=_("Order of the part in the Guide"))
    kind = models.CharField(_("kind"), max_length=20, choices=ChapterKind.choices)
    number = models.CharField(_("number"), max_length=10, blank=True, help_text=_("e.g. 1, 2 or A"))
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=80)
    intro = models.TextField(_("introduction"), blank=True, help_text=_("Markdown"))
    section_order = models.CharField(
        _("order of sections"), max_length=20, choices=SectionOrder.choices, default=SectionOrder.MANUAL
    )
    generated = models.CharField(
        _("generated content"), max_length=20, choices=Generated.choices, default=Generated.NONE, blank=True
    )
    concerned_partners = models.ManyToManyField(
        "partners.Partner",
        blank=True,
        related_name="+",
        verbose_name=_("partners who approve this part"),
        help_text=_("Besides the partners of its organization and agreement sections"),
    )

    class Meta:
        ordering = ["guide", "position"]
        verbose_name = _("chapter")
        constraints = [
            models.UniqueConstraint(fields=["guide", "slug"], name="%(app_label)s_%(class)s_unique_slug"),
            models.UniqueConstraint(
                fields=["guide", "position"], name="%(app_label)s_%(class)s_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.heading

    @property
    def heading(self) -> str:
        if self.kind == ChapterKind.CHAPTER and self.number:
            return _("Chapter %(number)s. %(title)s") % {"number": self.number, "title": self.title}
        if self.kind == ChapterKind.ANNEX and self.number:
            return _("Annex %(number)s. %(title)s") % {"number": self.number, "title": self.title}
        return self.title

    @property
    def anchor(self) -> str:
        return f"ch-{self.slug}"


class Section(models.Model):
    """A section of a chapter; organization and agreement sections carry the partner(s) who approve them."""

    chapter = models.ForeignKey(Chapter, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=SectionKind.choices, default=SectionKind.TEXT)
    title = models.CharField(_("title"), max_length=300)
    sort_title = models.CharField(max_length=300, editable=False, db_index=True)
    partner = models.ForeignKey(
        "partners.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="guide_sections",
        verbose_name=_("organization"),
    )
    agreement = models.CharField(_("agreement"), max_length=20, choices=AgreementSlug.choices, blank=True)
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown; paragraphs separated by a blank line")
    )
    embed_listing = models.BooleanField(_("show the controlled items (live data)"), default=False)
    embed_hs_codes = models.BooleanField(_("show the HS codes (live data)"), default=False)
    embed_parties = models.BooleanField(_("show the number of parties (live data)"), default=False)

    class Meta:
        ordering = ["chapter", "position", "sort_title"]
        verbose_name = _("section")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="organization") | models.Q(partner__isnull=False),
                name="%(app_label)s_%(class)s_organization_has_partner",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind="agreement") | ~models.Q(agreement=""),
                name="%(app_label)s_%(class)s_agreement_has_slug",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.sort_title = sort_key(self.title)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def anchor(self) -> str:
        return f"sec-{self.pk}"

    @property
    def is_alphabetical(self) -> bool:
        """Organization and agreement sections follow the alphabetical order; others keep their place."""
        return self.kind in (SectionKind.ORGANIZATION, SectionKind.AGREEMENT)

    @property
    def is_organization(self) -> bool:
        return self.kind == SectionKind.ORGANIZATION


class ReviewComment(models.Model):
    """A comment on a chapter, section or paragraph in a review round; replies form a thread."""

    round = models.ForeignKey("reviews.Round", on_delete=models.CASCADE, related_name="guide_comments")
    chapter = models.ForeignKey(
        Chapter, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="comments"
    )
    paragraph = models.PositiveIntegerField(_("paragraph"), null=True, blank=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"))
    is_condition = models.BooleanField(_("condition of an approval"), default=False)
    created_at = models.DateTimeField(_("written at"))
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    resolution = models.TextField(_("resolution"), blank=True)

    access_level = Level.INTRANET

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review comment")

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None

    @property
    def anchor(self) -> str:
        if self.section_id and self.paragraph is not None:
            return f"sec-{self.section_id}-p{self.paragraph}"
        if self.section_id:
            return f"sec-{self.section_id}"
        if self.chapter_id:
            return f"ch-{self.chapter.slug}"
        return "general"


class DistributionRequest(models.Model):
    """How many printed and offline (USB/CD) copies of an edition a partner needs for an event."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="distribution_requests")
    partner = models.ForeignKey("partners.Partner", on_delete=models.PROTECT, related_name="+")
    event = models.ForeignKey(
        "events.Event", on_delete=models.PROTECT, related_name="+", verbose_name=_("event")
    )
    printed_copies = models.PositiveIntegerField(_("printed copies"), default=0)
    offline_copies = models.PositiveIntegerField(_("offline copies (USB stick or CD)"), default=0)
    note = models.CharField(_("note"), max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested at"))

    access_level = Level.INTRANET

    class Meta:
        ordering = ["event__start", "partner__acronym"]
        verbose_name = _("distribution request")
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "partner", "event"], name="%(app_label)s_%(class)s_one_per_partner_event"
            ),
            models.CheckConstraint(
                condition=models.Q(printed_copies__gt=0) | models.Q(offline_copies__gt=0),
                name="%(app_label)s_%(class)s_some_copies",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} · {self.event}"

    @property
    def owner_partner_id(self) -> int:
        return self.partner_id
