"""Administration of the partnership's records in the Wagtail admin (secretariat).

Agreed actions are added from the meeting page (their deadline is read from the agreed words there);
here the secretariat corrects them and keeps the activity plan, membership requests and funding.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from greencustoms.actions.models import (
    ActionPoint,
    DonorApproach,
    FundingProposal,
    MembershipRequest,
    PlannedActivity,
)


class ActionPointViewSet(SnippetViewSet):
    model = ActionPoint
    icon = "tasks"
    list_display = ["meeting", "number", "heading", "due_kind", "due_date", "status"]
    list_filter = ["status", "due_kind", "meeting"]
    search_fields = ["text", "heading", "owners_text"]


class PlannedActivityViewSet(SnippetViewSet):
    model = PlannedActivity
    icon = "date"
    list_display = ["title", "kind", "start", "end", "region", "status"]
    list_filter = ["kind", "status"]


class MembershipRequestViewSet(SnippetViewSet):
    model = MembershipRequest
    icon = "group"
    list_display = ["organization", "received_on", "status"]


class FundingProposalViewSet(SnippetViewSet):
    model = FundingProposal
    icon = "pick"
    list_display = ["title", "stage", "status"]


class DonorApproachViewSet(SnippetViewSet):
    model = DonorApproach
    icon = "pick"
    list_display = ["proposal", "donor", "response", "amount_pledged"]


class PartnershipGroup(SnippetViewSetGroup):
    menu_label = _("Partnership")
    menu_icon = "tasks"
    menu_order = 310
    items = (
        ActionPointViewSet,
        PlannedActivityViewSet,
        MembershipRequestViewSet,
        FundingProposalViewSet,
        DonorApproachViewSet,
    )


register_snippet(PartnershipGroup)
