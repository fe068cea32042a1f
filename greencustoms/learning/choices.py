"""Constants of the learning domain: exercise kinds, learner verbs, sources of modules."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionKind(models.TextChoices):
    """How a question or exercise is answered."""

    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    MATCHING = "matching", _("Matching")
    IMAGE = "image", _("Image identification")
    ORDERING = "ordering", _("Ordering")


class Verb(models.TextChoices):
    """What a learner did: every step is one event (and one xAPI statement)."""

    REGISTERED = "registered", _("Enrolled")
    LAUNCHED = "launched", _("Opened a lesson")
    COMPLETED_LESSON = "completed_lesson", _("Completed a lesson")
    ANSWERED = "answered", _("Answered an exercise")
    ATTEMPTED = "attempted", _("Started the test")
    PASSED = "passed", _("Passed the test")
    FAILED = "failed", _("Failed the test")
    CERTIFIED = "certified", _("Received a certificate")


#: xAPI verb identifiers (ADL vocabulary) for each of our verbs.
XAPI_VERBS = {
    Verb.REGISTERED: "http://adlnet.gov/expapi/verbs/registered",
    Verb.LAUNCHED: "http://adlnet.gov/expapi/verbs/launched",
    Verb.COMPLETED_LESSON: "http://adlnet.gov/expapi/verbs/completed",
    Verb.ANSWERED: "http://adlnet.gov/expapi/verbs/answered",
    Verb.ATTEMPTED: "http://adlnet.gov/expapi/verbs/attempted",
    Verb.PASSED: "http://adlnet.gov/expapi/verbs/passed",
    Verb.FAILED: "http://adlnet.gov/expapi/verbs/failed",
    Verb.CERTIFIED: "https://w3id.org/xapi/dod-isd/verbs/received",
}


class ModuleSource(models.TextChoices):
    """Where a module's content comes from."""

    NATIVE = "native", _("Written on this platform")
    SCORM = "scorm", _("Imported SCORM 1.2 package")
    BUNDLE = "bundle", _("Imported from another greencustoms server")


class ScoStatus(models.TextChoices):
    """SCORM 1.2 cmi.core.lesson_status values."""

    NOT_ATTEMPTED = "not attempted", _("Not attempted")
    INCOMPLETE = "incomplete", _("Incomplete")
    BROWSED = "browsed", _("Browsed")
    COMPLETED = "completed", _("Completed")
    PASSED = "passed", _("Passed")
    FAILED = "failed", _("Failed")
