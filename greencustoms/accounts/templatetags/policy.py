"""Templates ask the access policy: ``{% load policy %}`` then ``{% if request.user|policy:"is_secretariat" %}``.

Templates never compare role strings; every question they may ask is a named rule of
:mod:`greencustoms.accounts.policy`, listed here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import template

from greencustoms.accounts import policy as access

register = template.Library()

#: The rules a template may ask about the user alone, by name.
RULES: dict[str, Callable[[Any], bool]] = {
    "is_secretariat": access.is_secretariat,
    "is_partner_staff": access.is_partner_staff,
    "is_intranet_member": access.is_intranet_member,
    "has_enforcement": access.has_enforcement,
    "can_upload_documents": access.can_upload_documents,
    "can_moderate": access.can_moderate,
    "can_import_learning": access.can_import_learning,
    "can_view_statistics": access.can_view_statistics,
    "can_import_external_statistics": access.can_import_external_statistics,
    "can_manage_actions": access.can_manage_actions,
    "can_decide_accreditation": access.can_decide_accreditation,
    "can_request_enforcement": access.can_request_enforcement,
    "can_record_cases": access.can_record_cases,
    "can_publish_case": access.can_publish_case,
    "can_export_cases": access.can_export_cases,
    "can_manage_award": access.can_manage_award,
    "can_nominate": access.can_nominate,
    "can_view_licensing_records": access.can_view_licensing_records,
    "can_view_focal_points": access.can_view_focal_points,
    "can_run_mirror_analysis": access.can_run_mirror_analysis,
    "can_view_translation_status": access.can_view_translation_status,
    "can_nominate_workshop_participants": access.can_nominate_workshop_participants,
}


@register.filter(name="policy")
def policy_rule(user: Any, rule: str) -> bool:
    """``user|policy:"rule"``: the named rule's answer for the user; an unknown name is a template error."""
    try:
        check = RULES[rule]
    except KeyError:
        raise template.TemplateSyntaxError(f"policy: unknown rule {rule!r}; one of {sorted(RULES)}") from None
    return check(user)


@register.filter
def can_view(user: Any, obj: Any) -> bool:
    """``user|can_view:obj``: may the user see the object?"""
    return access.can(user, access.Action.VIEW, obj)


@register.filter
def can_change(user: Any, obj: Any) -> bool:
    """``user|can_change:obj``: may the user change the object?"""
    return access.can(user, access.Action.CHANGE, obj)
