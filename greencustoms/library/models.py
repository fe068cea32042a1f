"""Documents of the partners, their files and versions, discussion, feedback and feedback forms."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connections, models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts import policy
from greencustoms.accounts.policy import (
    Level,
    LevelField,
    RestrictedQuerySet,
)
from greencustoms.library.choices import DocumentType, FeedbackStatus, Language, QuestionKind
from greencustoms.library.storage import get_private_storage


class DocumentQuerySet(RestrictedQuerySet):
    """Documents with visibility (``visible_to``) and full-text matching built in."""

    def matching(self, query: str) -> DocumentQuerySet:
        """Documents whose title, summary or extracted text hold every word of the query (or a word it begins).

        On PostgreSQL: Django's full-text search (``django.contrib.postgres.search``), one ``tsvector`` of the three
        fields (``simple`` configuration: no stemming, the documents are in three languages) matched by a prefix
        query; elsewhere (SQLite) each word is looked for with ``icontains``. See docs/decisions/0005.
        Visibility filters the same queryset, so counts never include what the user may not see.
        """
        if connections[self.db].vendor == "postgresql":
            words = re.findall(r"\w+", query)[:12]
            if not words:
                return self
            from django.contrib.postgres.search import SearchQuery, SearchVector

            vector = SearchVector("title", "summary", "search_text", config="simple")
            terms = " & ".join(f"{w}:*" for w in words)  # \w+ only: nothing of tsquery's syntax gets in
            return self.annotate(search_vector=vector).filter(
                search_vector=SearchQuery(terms, config="simple", search_type="raw")
            )
        qs = self
        for word in query.split()[:12]:
            qs = qs.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(search_text__icontains=word)
            )
        return qs

    def in_language(self, language: str) -> DocumentQuerySet:
        ids = DocumentFile.objects.filter(language=language).values("document_id")
        return self.filter(Q(language=language) | Q(pk__in=ids))

    def for_agreement(self, slug: str) -> DocumentQuerySet:
        return self.filter(agreements__slug=slug)


class Document(models.Model):
    """A publication or working document owned by one partner, published at one access level."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    owner_partner = models.ForeignKey(
        "partners.Partner",
        verbose_name=_("owning partner"),
        on_delete=models.PROTECT,
        related_name="documents",
    )
    doc_type = models.CharField(_("type"), max_length=30, choices=DocumentType.choices)
    language = models.CharField(
        _("original language"), max_length=5, choices=Language.choices, default=Language.EN
    )
    agreements = models.ManyToManyField(
        "agreements.Agreement", verbose_name=_("agreements"), blank=True, related_name="library_documents"
    )
    access_level = LevelField(verbose_name=_("access level"))
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("meeting folder"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    search_text = models.TextField(_("extracted text"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("library:detail", args=[self.pk])

    def current_files(self) -> list[DocumentFile]:
        """The latest version in each language, original language first."""
        latest: dict[str, DocumentFile] = {}
        for f in sorted(self.files.all(), key=lambda f: f.version):
            latest[f.language] = f
        return sorted(latest.values(), key=lambda f: (f.language != self.language, f.language))

    def main_file(self) -> DocumentFile | None:
        files = self.current_files()
        return files[0] if files else None


def _upload_to(instance: DocumentFile, filename: str) -> str:
    return f"library/{instance.document_id}/{instance.language}-v{instance.version}-{filename}"


class DocumentFile(models.Model):
    """One uploaded file of a document: a numbered version in one language."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=5, choices=Language.choices)
    version = models.PositiveIntegerField(_("version"), default=1)
    file = models.FileField(_("file"), upload_to=_upload_to, storage=get_private_storage, max_length=300)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(max_length=64)
    text = models.TextField(_("extracted text"), blank=True)
    extraction_error = models.CharField(_("text extraction problem"), max_length=300, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    thumbnail = models.FileField(
        upload_to="library/thumbnails/", storage=get_private_storage, blank=True, max_length=300
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["document", "language", "-version"]
        verbose_name = _("document file")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language", "version"], name="%(app_label)s_%(class)s_one_version_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} ({self.language} v{self.version})"

    # The policy reads these from the object it is asked about: a file is as restricted as its document.
    @property
    def access_level(self) -> str:
        return self.document.access_level

    @property
    def owner_partner_id(self) -> int:
        return self.document.owner_partner_id

    @property
    def created_by_id(self) -> Any:
        return self.document.created_by_id

    def get_download_url(self) -> str:
        return reverse("library:download", args=[self.pk, self.original_name])

    def get_thumbnail_url(self) -> str:
        return reverse("library:thumbnail", args=[self.pk])


class DocumentComment(models.Model):
    """A remark in the discussion of a working document on the intranet."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("comment"), max_length=5000)
    created_at = models.DateTimeField(_("posted at"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("discussion comment")

    def __str__(self) -> str:
        return f"{self.author} on {self.document}"


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> FeedbackQuerySet:
        """Approved feedback on documents the user may see, their own, and (partners) all on their own documents."""
        visible_docs = Document.objects.visible_to(user).values("pk")
        qs = self.filter(document__in=visible_docs)
        if policy.is_secretariat(user):
            return qs
        condition = Q(status=FeedbackStatus.APPROVED)
        if getattr(user, "is_authenticated", False):
            condition |= Q(author_id=user.pk)
            partner_id = policy.staff_partner_id(user)
            if partner_id:
                condition |= Q(document__owner_partner_id=partner_id) & ~Q(status=FeedbackStatus.REJECTED)
        return qs.filter(condition)


class Feedback(models.Model):
    """A signed-in reader's rating and opinion of a document, published once the secretariat approves it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="feedback")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True, max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.PENDING
    )
    created_at = models.DateTimeField(_("sent at"))
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "author"], name="%(app_label)s_%(class)s_one_per_reader"
            ),
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="%(app_label)s_%(class)s_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rating}/5 on {self.document}"

    @property
    def is_approved(self) -> bool:
        return self.status == FeedbackStatus.APPROVED

    @property
    def access_level(self) -> str:
        return self.document.access_level


class FeedbackForm(models.Model):
    """A questionnaire attached to a workshop or meeting, answered by its participants."""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="feedback_forms"
    )
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    is_open = models.BooleanField(_("open for answers"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("feedback form")

    def __str__(self) -> str:
        return self.title

    # A form is as visible as its event, and its event's lead partner owns it.
    @property
    def access_level(self) -> str:
        return self.event.access_level

    @property
    def owner_partner_id(self) -> int | None:
        return self.event.owner_partner_id


class FeedbackQuestion(models.Model):
    """One question of a feedback form."""

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(
        _("kind"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.RATING
    )
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["form", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @property
    def is_rating(self) -> bool:
        return self.kind == QuestionKind.RATING


class FeedbackResponse(models.Model):
    """One participant's answers to a feedback form."""

    form = models.ForeignKey(FeedbackForm, on_delete=models.CASCADE, related_name="responses")
    respondent = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    submitted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["form", "respondent"], name="%(app_label)s_%(class)s_one_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"{self.respondent} on {self.form}"


class FeedbackAnswer(models.Model):
    """The answer to one question in a response."""

    response = models.ForeignKey(FeedbackResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(FeedbackQuestion, on_delete=models.CASCADE, related_name="answers")
    rating = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True, max_length=3000)

    def __str__(self) -> str:
        return f"{self.question}: {self.rating or self.text[:40]}"


class CollectionLevel(models.Model):
    """The access level of a Wagtail collection: its documents and images are served only through the policy."""

    collection = models.OneToOneField(
        "wagtailcore.Collection",
        on_delete=models.CASCADE,
        related_name="gc_level",
        verbose_name=_("collection"),
    )
    access_level = LevelField(default=Level.PUBLIC)
    owner_partner = models.ForeignKey(
        "partners.Partner", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("collection access level")

    def __str__(self) -> str:
        return f"{self.collection}: {self.access_level}"
