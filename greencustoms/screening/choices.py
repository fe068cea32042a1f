"""Constants of the screening domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class Severity(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Rule(models.TextChoices):
    HS_CODE = "hs_code", _("HS code")
    DESCRIPTION = "description", _("Description")
    MISDECLARATION = "misdeclaration", _("Mis-declaration")
    COUNTRY = "country", _("Country")
    INDICATOR = "indicator", _("Restricted indicator")
    EQUIPMENT = "equipment", _("Equipment")
    WASTE = "waste", _("Waste")


class ScreeningPermission(models.TextChoices):
    SCREEN = "screening.screen", _("Screen declaration files")
    AUTHOR_INDICATOR = "screening.author_indicator", _("Author restricted risk indicators")


#: Largest upload accepted by the web page and the job API (stated on the upload page).
MAX_UPLOAD_BYTES = 200 * 1024 * 1024
#: Most lines accepted by the synchronous POST /api/v1/screen.
MAX_SYNC_LINES = 10_000
#: Days an uploaded file and its results are kept.
RETENTION_DAYS = 7
#: A running job renews its lease while it works; a lease past due means the worker died.
LEASE_SECONDS = 120
#: Attempts before a job whose worker died is failed for good.
MAX_ATTEMPTS = 2
#: Hits per results page.
PAGE_SIZE = 50


class Verdict(models.TextChoices):
    """The engine's verdict of a line, worst first (stable codes in the files, words on the pages)."""

    INSPECT = "inspect", _("Inspect")
    CHECK = "check", _("Check documents")
    CLEAR = "clear", _("Clear")


class Outcome(models.TextChoices):
    """What an officer decided about a screened line (triage)."""

    CLEARED = "cleared", _("Cleared")
    INSPECTED = "inspected", _("Inspected")
    DETAINED = "detained", _("Detained")
    REFERRED = "referred", _("Referred")


#: Lines per page of a job's result.
LINES_PAGE_SIZE = 50
#: Most lines of an inspection list (PDF and XLSX); the rest are in the lines CSV.
MAX_INSPECTION_LINES = 5_000
