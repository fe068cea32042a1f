from django.db import models
from django.utils.translation import gettext_lazy as _

# Review vocabularies belong to the generic reviews app; re-exported for the Guide's code.
from greencustoms.reviews.choices import Decision, ReviewEventKind, RoundStatus  # noqa: F401


class GuideStatus(models.TextChoices):
    """Where an edition of the Guide stands between drafting and publication."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved by all concerned partners")
    PUBLISHED = "published", _("Published")


class ChapterKind(models.TextChoices):
    """The parts of the Guide agreed by the partners (2007): front matter, chapters, conclusion, annexes."""

    FOREWORD = "foreword", _("Foreword")
    PREFACE = "preface", _("Preface")
    CHAPTER = "chapter", _("Chapter")
    CONCLUSION = "conclusion", _("Conclusion")
    ANNEX = "annex", _("Annex")


class SectionOrder(models.TextChoices):
    """How the sections of a chapter are ordered."""

    ALPHABETICAL = "alphabetical", _("Alphabetical (organizations and agreements)")
    MANUAL = "manual", _("As entered")


class Generated(models.TextChoices):
    """Content a chapter carries that is generated from reference data rather than written."""

    NONE = "", _("Nothing")
    HS_ANNEX = "hs_annex", _("Summary of HS codes (from the agreements reference data)")


class SectionKind(models.TextChoices):
    """What a section of a chapter is about."""

    TEXT = "text", _("Text")
    ORGANIZATION = "organization", _("Organization")
    AGREEMENT = "agreement", _("Agreement")
    CASE_STUDY = "case_study", _("Case study")


AGREEMENT_SLUGS = ("basel", "rotterdam", "stockholm", "montreal", "cites", "cwc", "cartagena", "minamata")


class AgreementSlug(models.TextChoices):
    """The agreements of the initiative (slugs of the DESIGN contract)."""

    BASEL = "basel", "Basel Convention"
    CARTAGENA = "cartagena", "Cartagena Protocol on Biosafety"
    CITES = "cites", "CITES"
    CWC = "cwc", "Chemical Weapons Convention"
    MINAMATA = "minamata", "Minamata Convention on Mercury"
    MONTREAL = "montreal", "Montreal Protocol"
    ROTTERDAM = "rotterdam", "Rotterdam Convention"
    STOCKHOLM = "stockholm", "Stockholm Convention"
