"""Reads of the learning domain. `has_completed(user, module)` is the one function other apps call."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from greencustoms.accounts import policy
from greencustoms.learning.models import (
    Certificate,
    Choice,
    Enrolment,
    Lesson,
    LessonImage,
    Module,
    ModuleVersion,
    Question,
    WorkshopPrerequisite,
)

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
    from greencustoms.accounts.policy import Action, can

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
    from greencustoms.learning.models import ScoTracking

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
