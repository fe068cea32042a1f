"""The award's set-up in the Wagtail admin (secretariat): rounds, criteria and weights, jury, nominations,
related honours. Seizure records are not here: they go through their own pages and the access policy."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from greencustoms.cases.models import AwardScheme, Criterion, JuryMember, Nomination, RelatedHonour


class AwardSchemeViewSet(SnippetViewSet):
    model = AwardScheme
    icon = "pick"
    list_display = ["year", "title", "status", "winners"]


class CriterionViewSet(SnippetViewSet):
    model = Criterion
    icon = "list-ul"
    list_display = ["scheme", "position", "name", "weight"]
    list_filter = ["scheme"]


class JuryMemberViewSet(SnippetViewSet):
    model = JuryMember
    icon = "user"
    list_display = ["scheme", "partner", "user"]
    list_filter = ["scheme"]


class NominationViewSet(SnippetViewSet):
    model = Nomination
    icon = "pick"
    list_display = ["scheme", "title", "nominee", "country", "eligible"]
    list_filter = ["scheme", "eligible"]


class RelatedHonourViewSet(SnippetViewSet):
    model = RelatedHonour
    icon = "pick"
    list_display = ["year", "name", "recipient", "country"]


class AwardGroup(SnippetViewSetGroup):
    menu_label = _("Green Customs Award")
    menu_icon = "pick"
    menu_order = 320
    items = (AwardSchemeViewSet, CriterionViewSet, JuryMemberViewSet, NominationViewSet, RelatedHonourViewSet)


register_snippet(AwardGroup)
