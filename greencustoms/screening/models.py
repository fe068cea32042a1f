"""Models of the screening domain: restricted risk indicators and screening jobs."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.choices import Level
from greencustoms.accounts.policy import LevelField, RestrictedQuerySet
from greencustoms.screening.choices import JobStatus, Outcome, Severity


class RiskIndicator(models.Model):
    """A restricted risk indicator authored by an enforcement officer or the secretariat: HS prefixes,
    keywords and countries that, together, make a declaration line worth a closer look."""

    title = models.CharField(_("title"), max_length=200)
    hs_prefixes = models.JSONField(_("HS code prefixes"), default=list, blank=True)
    keywords = models.JSONField(_("keywords"), default=list, blank=True)
    countries = models.JSONField(_("countries"), default=list, blank=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices, default=Severity.HIGH)
    agreement = models.SlugField(_("agreement"), blank=True)
    document = models.CharField(_("document to ask for"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)
    access_level = LevelField(default=Level.ENFORCEMENT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(access_level=Level.ENFORCEMENT),
                name="%(app_label)s_%(class)s_level_enforcement",
            )
        ]

    def __str__(self) -> str:
        return self.title


class ScreeningJob(models.Model):
    """One uploaded declarations file screened in the background, private to its owner and the secretariat."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="screening_jobs",
        verbose_name=_("owner"),
    )
    original_name = models.CharField(_("file name"), max_length=255)
    size = models.BigIntegerField(_("size in bytes"), default=0)
    edition = models.CharField(_("HS edition"), max_length=6, default="HS2022")
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.FloatField(_("progress"), default=0.0)
    records = models.BigIntegerField(_("records read"), default=0)
    screened = models.BigIntegerField(_("records screened"), default=0)
    rejected = models.BigIntegerField(_("records rejected"), default=0)
    hits = models.BigIntegerField(_("hits"), default=0)
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    error = models.TextField(_("error"), blank=True)
    with_indicators = models.BooleanField(_("restricted indicators applied"), default=False)
    ruleset_release = models.CharField(_("ruleset release"), max_length=80, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    lease_expires_at = models.DateTimeField(_("lease expires"), null=True, blank=True)
    created_at = models.DateTimeField(_("uploaded"), db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("deleted after"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "lease_expires_at"], name="screening_job_lease_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0) & models.Q(progress__lte=100),
                name="%(app_label)s_%(class)s_progress_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.DONE

    @property
    def is_failed(self) -> bool:
        return self.status == JobStatus.FAILED


class ScreeningUpload(models.Model):
    """One file accepted for screening, remembered without the file for the daily quota: deleting the job
    does not give its bytes back."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="screening_uploads",
        verbose_name=_("uploader"),
    )
    at = models.DateTimeField(_("uploaded"))
    size = models.BigIntegerField(_("bytes counted"), help_text=_("The file's size, or what it expands to."))

    class Meta:
        indexes = [models.Index(fields=["owner", "at"], name="screening_upload_owner_at_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(size__gte=0), name="%(app_label)s_%(class)s_size_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.owner_id} {self.at:%Y-%m-%d %H:%M} {self.size}"


class LineDecision(models.Model):
    """One triage decision of an officer about one screened line of a job, append-only: a new decision is a
    new row that records the outcome it replaced; rows are never changed (only deleted with their job)."""

    job = models.ForeignKey(
        ScreeningJob, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("screening job")
    )
    declaration_id = models.CharField(_("declaration"), max_length=120)
    line_no = models.CharField(_("line"), max_length=40, blank=True)
    outcome = models.CharField(_("decision"), max_length=10, choices=Outcome.choices)
    previous = models.CharField(_("previous decision"), max_length=10, choices=Outcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    documents_seen = models.TextField(_("documents seen"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("officer")
    )
    decided_at = models.DateTimeField(_("decided"))

    class Meta:
        ordering = ["-decided_at", "-pk"]
        indexes = [
            models.Index(fields=["job", "declaration_id", "line_no"], name="screening_decision_line_idx")
        ]

    def __str__(self) -> str:
        return f"{self.declaration_id}/{self.line_no}: {self.outcome}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("a triage decision is never changed: record a new one")
        super().save(*args, **kwargs)

    @property
    def is_detained(self) -> bool:
        return self.outcome == Outcome.DETAINED
