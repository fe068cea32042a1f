"""Constants of the document library."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentType(models.TextChoices):
    """What sort of document it is."""

    GUIDE = "guide", _("Guide")
    REPORT = "report", _("Report")
    PRESENTATION = "presentation", _("Presentation")
    FLYER = "flyer", _("Flyer")
    TRIFOLD = "trifold", _("Trifold")
    BANNER = "banner", _("Banner")
    LEAFLET = "leaflet", _("Leaflet")
    RISK_INDICATOR = "risk_indicator", _("Risk indicator")
    WORKING_DOCUMENT = "working_document", _("Working document")
    CASE_STUDY = "case_study", _("Case study")


class Language(models.TextChoices):
    """Languages documents are published in (the six UN languages and Portuguese)."""

    EN = "en", _("English")
    FR = "fr", _("French")
    ES = "es", _("Spanish")
    AR = "ar", _("Arabic")
    RU = "ru", _("Russian")
    ZH = "zh", _("Chinese")
    PT = "pt", _("Portuguese")


class FeedbackStatus(models.TextChoices):
    """Where a piece of feedback stands in moderation."""

    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class QuestionKind(models.TextChoices):
    """How a feedback-form question is answered."""

    RATING = "rating", _("Rating from 1 to 5")
    TEXT = "text", _("Free text")


class UploadError(models.TextChoices):
    """Machine-readable reasons an upload is refused."""

    EMPTY = "empty", _("The file is empty.")
    TOO_LARGE = "too_large", _("The file is too large.")
    TYPE_NOT_ALLOWED = "type_not_allowed", _("This type of file is not accepted.")
    TYPE_MISMATCH = "type_mismatch", _("The file's content does not match its name.")


#: Content types accepted for library files, with the extensions each may carry.
ALLOWED_TYPES: dict[str, tuple[str, ...]] = {
    "application/pdf": ("pdf",),
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ("pptx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
}
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_IMAGE_BYTES = 10 * 1024 * 1024
