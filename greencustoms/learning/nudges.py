"""Reminders that lift completion: stalled learners, prerequisite deadlines, signed unsubscribe links."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from greencustoms.learning.models import Enrolment, NudgeOptOut, WorkshopPrerequisite
from greencustoms.website.languages import saved_language

UNSUBSCRIBE_SALT = "greencustoms.learning.unsubscribe"


def cadence() -> dict[str, int]:
    """Configurable in settings: LEARNING_NUDGE_AFTER_DAYS, LEARNING_NUDGE_EVERY_DAYS, LEARNING_NUDGE_MAX."""
    return {
        "after": int(getattr(settings, "LEARNING_NUDGE_AFTER_DAYS", 7)),
        "every": int(getattr(settings, "LEARNING_NUDGE_EVERY_DAYS", 14)),
        "max": int(getattr(settings, "LEARNING_NUDGE_MAX", 3)),
        "deadline_window": int(getattr(settings, "LEARNING_NUDGE_DEADLINE_DAYS", 14)),
    }


def unsubscribe_token(user_id: int) -> str:
    return signing.dumps({"u": user_id}, salt=UNSUBSCRIBE_SALT)


def user_from_token(token: str) -> int | None:
    try:
        return int(signing.loads(token, salt=UNSUBSCRIBE_SALT)["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def unsubscribe(*, token: str, at: datetime) -> bool:
    """Opt the token's learner out of reminders; False for a forged or damaged token."""
    user_id = user_from_token(token)
    if user_id is None:
        return False
    NudgeOptOut.objects.get_or_create(user_id=user_id, defaults={"at": at})
    return True


def stalled(*, at: datetime) -> list[Enrolment]:
    """Started, not passed, idle for `after` days, not reminded within `every` days, under the maximum."""
    c = cadence()
    opted_out = NudgeOptOut.objects.values("user_id")
    deadline_modules = WorkshopPrerequisite.objects.filter(
        deadline__gte=at.date(), deadline__lte=at.date() + timedelta(days=c["deadline_window"])
    ).values("module_id")
    idle = Q(last_activity_at__lt=at - timedelta(days=c["after"]))
    # A prerequisite deadline near: remind after two idle days instead of the usual wait.
    idle |= Q(module_id__in=deadline_modules, last_activity_at__lt=at - timedelta(days=2))
    return list(
        Enrolment.objects.filter(idle, passed_at__isnull=True, nudges_sent__lt=c["max"])
        .filter(Q(last_nudged_at__isnull=True) | Q(last_nudged_at__lt=at - timedelta(days=c["every"])))
        .exclude(user_id__in=opted_out)
        .filter(user__is_active=True)
        .select_related("user", "module", "last_lesson")
        .order_by("id")[:2000]
    )


def nudges_send(*, at: datetime) -> int:
    """Send one reminder per stalled enrolment; return how many were sent."""
    deadlines = {
        p.module_id: p
        for p in WorkshopPrerequisite.objects.filter(deadline__gte=at.date())
        .select_related("event")
        .order_by("-deadline")
    }
    sent = 0
    for enrolment in stalled(at=at):
        user = enrolment.user
        # The language the learner last chose on the site, else the first they speak: links carry its prefix.
        spoken = (user.languages or ["en"])[0] if isinstance(user.languages, list) else "en"
        language = saved_language(user) or spoken
        with translation.override(language if language in dict(settings.LANGUAGES) else "en"):
            context = {
                "user": user,
                "module": enrolment.module,
                "resume_url": settings.SITE_URL + reverse("learning:resume", args=[enrolment.module.slug]),
                "unsubscribe_url": settings.SITE_URL
                + reverse("learning:unsubscribe", args=[unsubscribe_token(user.pk)]),
                "prerequisite": deadlines.get(enrolment.module_id),
                "lessons_completed": enrolment.lessons_completed,
            }
            subject = _("Continue your course: %(module)s") % {"module": enrolment.module.title}
            body = render_to_string("learning/nudge_email.txt", context)
        send_mail(subject, body, None, [user.email])
        Enrolment.objects.filter(pk=enrolment.pk).update(
            nudges_sent=enrolment.nudges_sent + 1, last_nudged_at=at
        )
        sent += 1
    return sent
