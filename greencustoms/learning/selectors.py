"""Reads of the learning domain. `has_completed(user, module)` is the one function other apps call."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.utils import translation

from greencustoms.accounts import policy
from greencustoms.accounts.policy import Action, can
from greencustoms.learning.models import (
    Attempt,
    Certificate,
    Choice,
    Enrolment,
    Lesson,
    LessonImage,
    Module,
    ModuleVersion,
    Question,
    ScoTracking,
    WorkshopPrerequisite,
)
from greencustoms.learning.scoring import ChoiceData, Outcome, score
from greencustoms.translations import selectors as translations

__all__ = ["has_completed"]


def has_completed(user: Any, module: Module | str) -> bool:
    """Has the user passed the module's test (any version)? Accepts a Module or its slug."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    condition = {"module__slug": module} if isinstance(module, str) else {"module_id": module.pk}
    return Enrolment.objects.filter(user_id=user.pk, passed_at__isnull=False, **condition).exists()


def catalogue(user: Any) -> QuerySet[Module]:
    """Modules with a published version that the user may see, with their owner."""
    return (
        Module.objects.visible_to(user)
        .filter(current_version__isnull=False)
        .select_related("owner_partner", "current_version")
    )


def module_by_slug(user: Any, slug: str) -> Module | None:
    return catalogue(user).filter(slug=slug).first()


def enrolment_for(user: Any, module: Module) -> Enrolment | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Enrolment.objects.select_related("version", "last_lesson").filter(user=user, module=module).first()


def enrolments_of(user: Any) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(user=user).select_related(
        "module", "version", "last_lesson", "certificate"
    )


def lessons_of(enrolment: Enrolment) -> list[Lesson]:
    """The lessons of the learner's version (id, position, title, SCO); cached, a version never changes."""
    from django.core.cache import cache

    # published_at too: ids of deleted versions may be reused by the database
    key = f"learning:lessons:{enrolment.version_id}:{enrolment.version.published_at.timestamp()}"
    lessons = cache.get(key)
    if lessons is None:
        lessons = list(
            Lesson.objects.filter(version_id=enrolment.version_id).only(
                "id", "position", "title", "version_id", "sco_href"
            )
        )
        cache.set(key, lessons, 3600)
    return lessons


def learner_enrolment(user: Any, slug: str) -> Enrolment | None:
    """The user's enrolment in the module with this slug, module and version joined, if they may see it."""

    if not getattr(user, "is_authenticated", False):
        return None
    # (user, module) is unique; module and version joined in the one query; the module's publication is
    # checked on the row.
    enrolment = (
        Enrolment.objects.select_related("module", "version")
        .filter(user_id=user.pk, module__slug=slug)
        .first()
    )
    if (
        enrolment is None
        or enrolment.module.current_version_id is None
        or not can(user, Action.VIEW, enrolment.module)
    ):
        return None
    return enrolment


def completed_lesson_ids(enrolment: Enrolment) -> set[int]:
    return set(enrolment.progress.values_list("lesson_id", flat=True))


def lesson_row(enrolment: Enrolment, position: int) -> Lesson | None:
    """The lesson alone (its content may come from the cache)."""
    return Lesson.objects.filter(version_id=enrolment.version_id, position=position).first()


def lesson_page(enrolment: Enrolment, position: int) -> Lesson | None:
    """The lesson with its images, resources and exercises (choices prefetched)."""
    return _with_content(Lesson.objects.filter(version_id=enrolment.version_id, position=position)).first()


def lesson_with_content(lesson_id: int) -> Lesson:
    return _with_content(Lesson.objects.filter(pk=lesson_id)).get()


def _with_content(qs: QuerySet[Lesson]) -> QuerySet[Lesson]:
    return qs.prefetch_related(
        "images",
        "resources",
        Prefetch(
            "exercises",
            queryset=Question.objects.select_related("image").prefetch_related(
                Prefetch("choices", queryset=Choice.objects.select_related("image"))
            ),
        ),
    )


def resume_position(enrolment: Enrolment) -> int:
    """Where the learner stopped: the first lesson not completed after their last, else their last."""
    done = completed_lesson_ids(enrolment)
    lessons = lessons_of(enrolment)
    for lesson in lessons:
        if lesson.id not in done:
            return lesson.position
    return enrolment.last_lesson.position if enrolment.last_lesson else 1


def questions_for(ids: list[int]) -> list[Question]:
    """Questions in the given order, with choices."""
    by_id = {
        q.id: q
        for q in Question.objects.filter(id__in=ids)
        .select_related("image")
        .prefetch_related(Prefetch("choices", queryset=Choice.objects.select_related("image")))
    }
    return [by_id[i] for i in ids if i in by_id]


def certificate_by_code(code: str) -> Certificate | None:
    """The certificate with ``code`` as typed from paper: any case, with or without dashes or spaces."""
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    if len(raw) != 12:
        return Certificate.objects.filter(code=code.strip().upper()).first()
    return Certificate.objects.filter(code=f"{raw[:4]}-{raw[4:8]}-{raw[8:]}").first()


def prerequisites_for_event(event: Any) -> QuerySet[WorkshopPrerequisite]:
    return WorkshopPrerequisite.objects.filter(event=event).select_related("module")


def open_prerequisites(user: Any) -> list[WorkshopPrerequisite]:
    """Prerequisite modules of upcoming workshops that this learner is enrolled in but has not passed."""
    from django.utils import timezone

    enrolled = Enrolment.objects.filter(user=user, passed_at__isnull=True).values("module_id")
    return list(
        WorkshopPrerequisite.objects.filter(module_id__in=enrolled, deadline__gte=timezone.localdate())
        .select_related("module", "event")
        .order_by("deadline")[:5]
    )


def stats_scope(user: Any) -> QuerySet[Module] | None:
    """Modules whose statistics the user may read: all for the secretariat, its own for partner staff.

    None means no access at all. Both roles count only after a two-factor sign-in (the policy's rule).
    """
    if not policy.can_view_statistics(user):
        return None
    partner_id = policy.statistics_partner_id(user)
    if partner_id is None:
        return Module.objects.all()
    return Module.objects.filter(owner_partner_id=partner_id)


def catalogue_with_counts(user: Any) -> QuerySet[Module]:
    return catalogue(user).annotate(lessons=Count("current_version__lessons"))


def package_version(version_id: int, slug: str) -> ModuleVersion | None:
    """The imported version a launch token names, if it belongs to the module of this slug."""
    return (
        ModuleVersion.objects.filter(pk=version_id, module__slug=slug)
        .exclude(package_dir="")
        .select_related("module")
        .first()
    )


def sco_tracking(enrolment_id: int, version: ModuleVersion, href: str) -> Any:
    """The learner's run-time data for the SCO launched from ``href`` in this version (None before any)."""

    lesson_id = (
        Lesson.objects.filter(version=version, sco_href=href)
        .order_by("position")
        .values_list("pk", flat=True)
        .first()
    )
    if lesson_id is None:
        return None
    return ScoTracking.objects.filter(
        enrolment_id=enrolment_id, enrolment__version=version, lesson_id=lesson_id
    ).first()


def lesson_image(user: Any, pk: int) -> LessonImage | None:
    """A lesson picture, if the user may see its module."""
    image = LessonImage.objects.select_related("version__module").filter(pk=pk).first()
    if image is None or not catalogue(user).filter(pk=image.version.module_id).exists():
        return None
    return image


def enrolments_by_module(user: Any, modules: Iterable[Module]) -> dict[int, Enrolment]:
    """The user's enrolments in these modules, by module id (none for an anonymous visitor)."""
    if not user.is_authenticated:
        return {}
    return {e.module_id: e for e in Enrolment.objects.filter(user=user, module__in=list(modules))}


def open_enrolments(user: Any, *, limit: int = 3) -> list[Enrolment]:
    """The user's unfinished enrolments, most recently active first (the home page's panel)."""
    return list(
        Enrolment.objects.filter(user=user, passed_at__isnull=True)
        .select_related("module", "last_lesson", "version")
        .order_by("-last_activity_at")[:limit]
    )


def lesson_content_key(version: ModuleVersion, *, language: str | None) -> str:
    """The part of a lesson's cached fragments' keys besides the lesson and the language: the version's
    publication (content never changes, a change is a new version) and the state of its translations into the
    language (a saved translation shows at once)."""
    return f"{version.published_at.timestamp()}:{translations_generation(language)}"


def translations_generation(language: str | None) -> str:
    """The state of the translations into ``language`` ("" in English): part of the lesson cache keys."""
    code = (language or "en").split("-")[0]
    return "" if code == "en" else translations.generation(code)


def choice_data(question: Question) -> list[ChoiceData]:
    """A question's choices as the scorer reads them; their feedback in the active language where translated
    (display only: scoring reads ids, matches and ranks)."""
    language = translation.get_language() or "en"
    return [
        ChoiceData(
            c.id,
            c.text,
            c.is_correct,
            c.match,
            c.position,
            translations.translated(c, "feedback", language).text,
        )
        for c in question.choices.all()
    ]


def explanation_of(question: Question) -> str:
    """The question's explanation in the active language where translated."""
    return translations.translated(question, "explanation", translation.get_language() or "en").text


def submitted_attempt(enrolment: Enrolment, number: int) -> Attempt | None:
    return Attempt.objects.filter(enrolment=enrolment, number=number, submitted_at__isnull=False).first()


def open_attempt(enrolment: Enrolment) -> Attempt | None:
    return enrolment.attempts.filter(submitted_at__isnull=True).first()


def attempt_review(attempt: Attempt) -> list[tuple[Question, Outcome]]:
    """Each question of a submitted attempt with the outcome of the answer given."""
    return [
        (q, score(q.kind, choice_data(q), attempt.answers.get(str(q.id), {}), explanation_of(q)))
        for q in questions_for(attempt.question_ids)
    ]


def certificate_for(user: Any, code: str) -> Certificate | None:
    """A certificate by code for its holder or the staff of its module; None for anyone else."""
    certificate = certificate_by_code(code)
    if certificate is None or not user.is_authenticated:
        return None
    if certificate.enrolment.user_id == user.pk:
        return certificate
    scope = stats_scope(user)
    if scope is None or not scope.filter(pk=certificate.enrolment.module_id).exists():
        return None
    return certificate


def staff_module(user: Any, slug: str) -> Module | None:
    """A module with a current version among those whose statistics the user may see."""
    scope = stats_scope(user)
    if scope is None:
        return None
    module = scope.filter(slug=slug).select_related("current_version").first()
    return module if module is not None and module.current_version is not None else None


def sco_launch_version(user: Any, module: Module) -> tuple[ModuleVersion | None, Enrolment | None]:
    """The version of a module a user launches: an enrolled learner's own, else the current one for staff."""
    enrolment = enrolment_for(user, module)
    if enrolment is not None:
        return enrolment.version, enrolment
    scope = stats_scope(user)
    if scope is None or not scope.filter(pk=module.pk).exists():
        return None, None
    return module.current_version, None
