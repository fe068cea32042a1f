"""E-mail reminders to the owners of agreed actions: before the deadline, and when it has passed.

Rules come from ``settings.ACTIONS_REMINDER_RULES`` (default ``["before:14", "before:3", "overdue:1",
"overdue:30"]``): ``before:N`` fires when N days or fewer are left, ``overdue:N`` when the deadline passed
N days ago or more. Each rule fires once per action, recipient and deadline (a new deadline re-arms
them); when several rules apply at once only the most pressing one is sent. Recipients are the staff of
the owner partners (of every partner for "each partner"), and the secretariat for secretariat actions —
each of whom must be allowed by the access policy to see the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from greencustoms.accounts.choices import Role
from greencustoms.accounts.models import User
from greencustoms.accounts.policy import Action, can
from greencustoms.actions.choices import DATED_KINDS
from greencustoms.actions.models import ActionPoint, ReminderSent
from greencustoms.partners.choices import PartnerStatus
from greencustoms.website.languages import in_language_of

DEFAULT_RULES = ["before:14", "before:3", "overdue:1", "overdue:30"]


@dataclass(frozen=True)
class Rule:
    kind: str  # "before" or "overdue"
    days: int

    def key(self, deadline: date) -> str:
        return f"{self.kind}:{self.days}@{deadline.isoformat()}"


def configured_rules() -> list[Rule]:
    rules = []
    for text in getattr(settings, "ACTIONS_REMINDER_RULES", DEFAULT_RULES):
        kind, _sep, days = text.partition(":")
        if kind not in ("before", "overdue") or not days.isdigit():
            raise ValueError(f"ACTIONS_REMINDER_RULES: {text!r} is not before:N or overdue:N")
        rules.append(Rule(kind, int(days)))
    return rules


def pressing_rule(rules: list[Rule], *, deadline: date, today: date) -> Rule | None:
    """The one rule that applies today: the nearest 'before' rule, or the longest 'overdue' rule reached."""
    left = (deadline - today).days
    if left >= 0:
        applicable = [r for r in rules if r.kind == "before" and left <= r.days]
        return min(applicable, key=lambda r: r.days) if applicable else None
    late = -left
    applicable = [r for r in rules if r.kind == "overdue" and late >= max(r.days, 1)]
    return max(applicable, key=lambda r: r.days) if applicable else None


def _as_email_reader(user: User) -> User:
    """The recipient as the policy sees a two-factor session: staff without a device never read intranet mail."""
    has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    user.is_verified = lambda: has_device  # type: ignore[attr-defined]
    return user


def recipients(action: ActionPoint) -> list[User]:
    """Active staff of the owners who may see the action under the access policy."""
    condition = Q(pk__in=[])
    owner_ids = [p.pk for p in action.owners.all()]
    if owner_ids:
        condition |= Q(role=Role.PARTNER, partner_id__in=owner_ids)
    if action.owner_each_partner:
        condition |= Q(role=Role.PARTNER, partner__status=PartnerStatus.PARTNER)
    if action.owner_secretariat:
        condition |= Q(role=Role.SECRETARIAT)
    users = User.objects.filter(condition, is_active=True).exclude(email="").order_by("pk")
    return [u for u in users if can(_as_email_reader(u), Action.VIEW, action)]


def _message(action: ActionPoint, rule: Rule, today: date) -> tuple[str, str]:
    due = action.due
    meeting = action.meeting
    ref = f"{meeting.number or meeting.title}/{action.number}"
    if rule.kind == "before":
        subject = _("[Green Customs] Action %(ref)s is due in %(days)s days") % {
            "ref": ref,
            "days": due.days_left(today=today),
        }
    else:
        subject = _("[Green Customs] Action %(ref)s is overdue") % {"ref": ref}
    url = settings.SITE_URL + reverse("actions:action_detail", args=[action.pk])
    body = "\n\n".join(
        [
            _("Agreed at: %(meeting)s") % {"meeting": meeting.title},
            f"{action.number}. {action.text}",
            _("By whom: %(owners)s") % {"owners": action.owners_text or ", ".join(action.owner_labels())},
            _("By when: %(due)s (last day on time: %(deadline)s)")
            % {"due": action.due_text or action.get_due_kind_display(), "deadline": due.deadline},
            _("Status: %(status)s") % {"status": action.get_status_display()},
            _("Record progress or mark it done: %(url)s") % {"url": url},
        ]
    )
    return subject, body


def reminders_send(*, at: datetime) -> int:
    """Send every reminder due now; return how many e-mails went out."""
    today = at.date()
    rules = configured_rules()
    sent = 0
    actions = (
        ActionPoint.objects.pending()
        .filter(due_kind__in=DATED_KINDS, due_date__isnull=False)
        .select_related("meeting")
        .prefetch_related("owners")
    )
    for action in actions:
        rule = pressing_rule(rules, deadline=action.due_date, today=today)  # type: ignore[arg-type]
        if rule is None:
            continue
        key = rule.key(action.due_date)  # type: ignore[arg-type]
        already = set(
            ReminderSent.objects.filter(action=action, rule=key).values_list("recipient_id", flat=True)
        )
        for user in recipients(action):
            if user.pk in already:
                continue
            try:
                with transaction.atomic():
                    ReminderSent.objects.create(action=action, rule=key, recipient=user, sent_at=at)
                    with in_language_of(user):  # the recipient's language, and /fr/ or /es/ links
                        subject, body = _message(action, rule, today)
                    send_mail(subject, body, None, [user.email])
            except IntegrityError:
                continue  # another worker sent this one
            sent += 1
    return sent
