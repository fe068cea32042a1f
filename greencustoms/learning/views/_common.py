"""Lookups every learning page shares: a module or an enrolment the user may see, else 404/403."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from greencustoms.learning import selectors
from greencustoms.learning.models import Enrolment, Module


def module_or_404(request: HttpRequest, slug: str) -> Module:
    module = selectors.module_by_slug(request.user, slug)
    if module is None:
        raise Http404
    return module


def enrolment_or_404(request: HttpRequest, module: Module) -> Enrolment:
    enrolment = selectors.enrolment_for(request.user, module)
    if enrolment is None:
        raise Http404
    return enrolment


def stats_scope_or_403(request: HttpRequest) -> Any:
    if not request.user.is_authenticated:
        raise PermissionDenied
    scope = selectors.stats_scope(request.user)
    if scope is None:
        raise PermissionDenied
    return scope


def staff_module_or_404(request: HttpRequest, slug: str) -> Module:
    stats_scope_or_403(request)
    module = selectors.staff_module(request.user, slug)
    if module is None:
        raise Http404
    return module
