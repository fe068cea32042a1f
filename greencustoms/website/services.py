"""Writes of the website: partner editors, the secretariat's moderation workflow, news items of other apps."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Workflow, WorkflowPage, WorkflowTask

from greencustoms.accounts import policy
from greencustoms.accounts.choices import Level
from greencustoms.website.models import NewsIndexPage, NewsPage, PartnerPage

SECRETARIAT_GROUP = "GCI secretariat (moderators)"
WORKFLOW_NAME = "Secretariat approval"


@transaction.atomic
def partner_editors_sync(*, partner_page: PartnerPage) -> Group:
    """The partner's staff may edit (never publish) their own page in the Wagtail admin."""
    partner = partner_page.partner
    group, _created = Group.objects.get_or_create(name=f"Partner editors: {partner.acronym}")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    change = Permission.objects.get(content_type__app_label="wagtailcore", codename="change_page")
    GroupPagePermission.objects.get_or_create(group=group, page=partner_page, permission=change)
    for user in policy.partner_staff_accounts([partner]):
        user.groups.add(group)
    return group


@transaction.atomic
def secretariat_workflow_ensure(*, page: Page) -> Workflow:
    """Changes under ``page`` are published only after a member of the secretariat approves them."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for user in policy.secretariat_accounts():
        user.groups.add(group)
    task = GroupApprovalTask.objects.filter(name=WORKFLOW_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=WORKFLOW_NAME)
    task.groups.add(group)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
    return workflow


def news_item_publish(
    *, page: Page | None, title: str, date: Any, intro: str, body: str, slug: str
) -> NewsPage | None:
    """Publish a news item written by another app (e.g. a published seizure case) on the news page, at
    the public level; ``page`` is the item made before (brought back and updated). None when the site has
    no news page."""
    index = NewsIndexPage.objects.first()
    if index is None:
        return None
    item = page.specific if page is not None else None
    if not isinstance(item, NewsPage):
        taken = set(index.get_children().values_list("slug", flat=True))
        unique, n = slug, 1
        while unique in taken:
            n += 1
            unique = f"{slug}-{n}"
        item = NewsPage(
            title=title, slug=unique, date=date, intro=intro, body=body, access_level=Level.PUBLIC
        )
        index.add_child(instance=item)
    else:
        item.title, item.date, item.intro, item.body = title, date, intro, body
        item.access_level = Level.PUBLIC
    item.live = True
    item.save_revision().publish()
    return item


def news_item_unpublish(*, page: Page) -> None:
    """Take a news item off the site (kept as a draft: publishing the case again brings it back)."""
    item = page.specific
    if item.live:
        item.unpublish()
