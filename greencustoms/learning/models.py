"""E-learning: modules and their versions, lessons, exercises, test attempts, certificates, learner events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from greencustoms.accounts.policy import Level, LevelField, RestrictedQuerySet
from greencustoms.learning.choices import ModuleSource, QuestionKind, ScoStatus, Verb


class Module(models.Model):
    """An e-learning course owned by a partner, e.g. "Montreal Protocol for customs officers"."""

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    owner_partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("owner partner"), on_delete=models.PROTECT, related_name="modules"
    )
    agreement_slug = models.SlugField(_("agreement"), max_length=40, blank=True)
    language = models.CharField(_("language"), max_length=8, default="en")
    position = models.PositiveIntegerField(_("position"), default=100)
    current_version = models.ForeignKey(
        "learning.ModuleVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    access_level = LevelField(default=Level.PUBLIC)
    created_at = models.DateTimeField(_("created at"))

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "title"]
        verbose_name = _("module")

    def __str__(self) -> str:
        return self.title


class ModuleVersion(models.Model):
    """One published state of a module's content; a learner keeps the version they enrolled in."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    source = models.CharField(max_length=10, choices=ModuleSource.choices, default=ModuleSource.NATIVE)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    max_attempts = models.PositiveSmallIntegerField(_("attempts allowed"), default=3)
    test_size = models.PositiveSmallIntegerField(_("questions per test"), default=10)
    estimated_minutes = models.PositiveIntegerField(_("estimated minutes"), default=60)
    lesson_count = models.PositiveSmallIntegerField(default=0)
    changes = models.TextField(_("what changed"), blank=True)
    package_dir = models.CharField(
        max_length=200, blank=True, help_text="folder of an imported SCORM package"
    )
    published_at = models.DateTimeField(_("published at"))

    class Meta:
        ordering = ["module_id", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__lte=100), name="%(app_label)s_%(class)s_pass_mark_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module} v{self.number}"

    @property
    def is_scorm(self) -> bool:
        return self.source == ModuleSource.SCORM


class Lesson(models.Model):
    """A light page of a module version: text, images, resources and exercises (or a SCORM SCO)."""

    version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=200)
    body_html = models.TextField(_("text"), blank=True, help_text="sanitised HTML")
    sco_href = models.CharField(max_length=500, blank=True, help_text="launch file of an imported SCO")
    sco_identifier = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["version_id", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "position"], name="%(app_label)s_%(class)s_unique_position"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class LessonImage(models.Model):
    """A picture in a lesson or exercise, always with alternative text."""

    version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="images")
    lesson = models.ForeignKey(Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="images")
    key = models.SlugField(max_length=60)
    file = models.FileField(upload_to="learning/images/")
    alt_text = models.CharField(_("alternative text"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="%(app_label)s_%(class)s_unique_key"),
        ]

    def __str__(self) -> str:
        return self.alt_text

    def get_absolute_url(self) -> str:
        """The picture through the module's access check (uploaded files under /media/ are not served)."""
        from django.urls import reverse

        return reverse("learning:image", args=[self.pk])


class Resource(models.Model):
    """A downloadable file attached to a lesson (fact sheet, checklist)."""

    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="learning/resources/")
    size = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    """An exercise inside a lesson, or a question of the final test's pool (lesson empty)."""

    version = models.ForeignKey(ModuleVersion, on_delete=models.CASCADE, related_name="questions")
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.CASCADE, related_name="exercises"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=12, choices=QuestionKind.choices)
    prompt = models.TextField(_("question"))
    image = models.ForeignKey(LessonImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["version_id", "lesson_id", "position", "id"]

    def __str__(self) -> str:
        return self.prompt[:80]

    @property
    def is_matching(self) -> bool:
        return self.kind == QuestionKind.MATCHING

    @property
    def is_ordering(self) -> bool:
        return self.kind == QuestionKind.ORDERING

    @property
    def is_image(self) -> bool:
        return self.kind == QuestionKind.IMAGE

    @property
    def is_multiple(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE

    def match_options(self) -> list[str]:
        """The right-hand side of a matching question, sorted (from prefetched choices)."""
        return sorted({c.match for c in self.choices.all() if c.match})

    def display_choices(self) -> list[Choice]:
        """Options in display order; items to order are shown alphabetically, never in the answer's order."""
        choices = list(self.choices.all())
        if self.kind == QuestionKind.ORDERING:
            return sorted(choices, key=lambda c: c.text.casefold())
        return choices


class Choice(models.Model):
    """An option of a question: a choice, a matching pair (text → match), or an item to order."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    position = models.PositiveSmallIntegerField(default=0, help_text="correct rank for ordering questions")
    text = models.CharField(_("text"), max_length=300)
    is_correct = models.BooleanField(default=False)
    match = models.CharField(_("matches"), max_length=200, blank=True)
    image = models.ForeignKey(LessonImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    feedback = models.CharField(_("feedback"), max_length=400, blank=True)

    class Meta:
        ordering = ["question_id", "position", "id"]

    def __str__(self) -> str:
        return self.text


class Enrolment(models.Model):
    """A learner taking one module, pinned to the version they enrolled in; also the learner's rollup row."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="enrolments")
    version = models.ForeignKey(ModuleVersion, on_delete=models.PROTECT, related_name="enrolments")
    country = models.CharField(max_length=2, blank=True, db_index=True)
    administration = models.CharField(max_length=200, blank=True)
    enrolled_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    # Neither of these is indexed: opening a lesson updates both, and an update that touches no indexed
    # column stays on its page in PostgreSQL (a HOT update) instead of adding an entry to every index of
    # the row. Queries on them (nudges, statistics) scan all enrolments anyway or go through user_id.
    last_activity_at = models.DateTimeField()
    last_lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", db_index=False
    )
    lessons_completed = models.PositiveSmallIntegerField(default=0)
    attempted_at = models.DateTimeField(null=True, blank=True)
    passed_at = models.DateTimeField(null=True, blank=True)
    best_score = models.PositiveSmallIntegerField(null=True, blank=True)
    days_to_pass = models.FloatField(null=True, blank=True)
    nudges_sent = models.PositiveSmallIntegerField(default=0)
    last_nudged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_activity_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "module"], name="%(app_label)s_%(class)s_one_per_module"),
        ]
        indexes = [models.Index(fields=["module", "enrolled_at"], name="learning_enrol_module_at")]

    def __str__(self) -> str:
        return f"{self.user} – {self.module}"


class LessonProgress(models.Model):
    """A lesson a learner has completed."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    completed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = _("lesson progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}: lesson {self.lesson_id}"


class Attempt(models.Model):
    """One try at a module's final test: the questions drawn, the answers given, the score."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    question_ids = models.JSONField(default=list)
    answers = models.JSONField(default=dict, blank=True)
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["enrolment_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "number"], name="%(app_label)s_%(class)s_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"attempt {self.number} of enrolment {self.enrolment_id}"


class Certificate(models.Model):
    """Proof that a learner passed a module; verifiable publicly by its code."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="certificate")
    code = models.CharField(max_length=20, unique=True)
    holder_name = models.CharField(max_length=150)
    module_title = models.CharField(max_length=200)
    language = models.CharField(
        max_length=8,
        blank=True,
        help_text="the language the learner took the module in (blank: the module's)",
    )
    issued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.code


class LearningEvent(models.Model):
    """One learner step (enrolled, opened a lesson, answered, passed…): the source of statistics and xAPI."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    version_number = models.PositiveIntegerField(default=1)
    verb = models.CharField(max_length=20, choices=Verb.choices)
    object_ref = models.CharField(max_length=100, blank=True, help_text="lesson:3, question:12, attempt:2")
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["module", "at"], name="learning_event_module_at"),
            models.Index(fields=["user", "at"], name="learning_event_user_at"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.verb} {self.module_id} {self.object_ref}"


class DailyActivity(models.Model):
    """Pre-aggregated count of events per day, module and verb (kept by the rollup task) for trends."""

    day = models.DateField()
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    verb = models.CharField(max_length=20, choices=Verb.choices)
    events = models.PositiveIntegerField(default=0)
    learners = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name_plural = _("daily activity")
        constraints = [
            models.UniqueConstraint(fields=["day", "module", "verb"], name="%(app_label)s_%(class)s_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.module_id} {self.verb}: {self.events}"


class RollupState(models.Model):
    """Up to which event the daily rollup has counted."""

    name = models.CharField(max_length=40, unique=True)
    last_event_id = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.last_event_id}"


class ScoTracking(models.Model):
    """SCORM 1.2 run-time data of one learner in one SCO of an imported package."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="sco_tracking")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="+")
    lesson_status = models.CharField(
        max_length=20, choices=ScoStatus.choices, default=ScoStatus.NOT_ATTEMPTED
    )
    score_raw = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    suspend_data = models.TextField(blank=True)
    lesson_location = models.CharField(max_length=255, blank=True)
    total_time = models.CharField(max_length=20, blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "lesson"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id}/{self.lesson_id}: {self.lesson_status}"


class WorkshopPrerequisite(models.Model):
    """A module that participants of a workshop must complete, by a deadline."""

    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="learning_prerequisites")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="prerequisite_of")
    deadline = models.DateField(_("complete by"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "module"], name="%(app_label)s_%(class)s_once"),
        ]

    def __str__(self) -> str:
        return f"{self.module} before {self.event}"


class NudgeOptOut(models.Model):
    """A learner who asked not to receive e-learning reminders (through the signed unsubscribe link)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"opt-out {self.user_id}"


class StatsCell(models.Model):
    """Pre-aggregated completion figures for one module, country, administration and month of enrolment.

    Rebuilt from the enrolments by the rollup task; every statistics view sums these cells.
    """

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="+")
    country = models.CharField(max_length=2, blank=True)
    administration = models.CharField(max_length=200, blank=True)
    month = models.DateField()
    registered = models.PositiveIntegerField(default=0)
    started = models.PositiveIntegerField(default=0)
    active_30d = models.PositiveIntegerField(default=0)
    active_90d = models.PositiveIntegerField(default=0)
    lessons_completed = models.PositiveIntegerField(default=0)
    completed_lessons_all = models.PositiveIntegerField(default=0)
    attempted = models.PositiveIntegerField(default=0)
    passed = models.PositiveIntegerField(default=0)
    days_sum = models.FloatField(default=0)
    days_n = models.PositiveIntegerField(default=0)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.module_id} {self.country} {self.administration} {self.month}"


class ExternalFigure(models.Model):
    """Figures a hosting platform reported for a partner's module, e.g. WCO CLiKC! (2017 partners' meeting).

    The module is this platform's when it is hosted here too; otherwise only its title is known. The owner
    partner decides who reads the figures (the secretariat, and that partner's staff).
    """

    module = models.ForeignKey(
        Module, verbose_name=_("module"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="external_figures",
    )  # fmt: skip
    module_title = models.CharField(_("module title"), max_length=200, blank=True)
    partner = models.ForeignKey(
        "partners.Partner", verbose_name=_("owner partner"), on_delete=models.PROTECT,
        related_name="external_learning_figures",
    )  # fmt: skip
    platform = models.CharField(_("hosting platform"), max_length=120)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    registered = models.PositiveIntegerField(_("registered"))
    active = models.PositiveIntegerField(_("active"))
    completed = models.PositiveIntegerField(_("completed (passed the test)"))
    source = models.CharField(_("source"), max_length=500)
    reported_on = models.DateField(_("reported on"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    imported_at = models.DateTimeField(_("imported at"))

    class Meta:
        ordering = ["partner_id", "module_title", "-period_end"]
        verbose_name = _("external learning figure")
        verbose_name_plural = _("external learning figures")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="%(app_label)s_%(class)s_period_order"
            ),
            models.CheckConstraint(
                condition=Q(module__isnull=False) | ~Q(module_title=""),
                name="%(app_label)s_%(class)s_module_or_title",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.platform}, {self.period_start}–{self.period_end})"

    @property
    def title(self) -> str:
        return self.module.title if self.module is not None else self.module_title

    @property
    def source_is_link(self) -> bool:
        """The source is a web address (shown as a link); otherwise it is the name of a report."""
        return self.source.startswith(("https://", "http://"))
