"""Editing the Guide in the Wagtail admin (secretariat): editions, chapters and sections as snippets.

Review rounds and publication are not edited here: they go through the review pages and the services,
so that no edition is published while a concerned partner has not approved it.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from greencustoms.guide.models import Chapter, Guide, Section


class GuideViewSet(SnippetViewSet):
    model = Guide
    icon = "doc-full"
    menu_label = _("Editions")
    list_display = ["year", "title", "edition", "status"]
    list_filter = ["status"]
    panels = [
        FieldPanel("year"),
        FieldPanel("edition"),
        FieldPanel("title"),
        FieldPanel("subtitle"),
        FieldPanel("languages"),
        FieldPanel("copyright"),
    ]


class ChapterViewSet(SnippetViewSet):
    model = Chapter
    icon = "list-ol"
    menu_label = _("Chapters")
    list_display = ["heading", "guide", "position", "kind", "section_order"]
    list_filter = ["guide", "kind"]
    panels = [
        FieldPanel("guide"),
        FieldPanel("position"),
        FieldPanel("kind"),
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("intro"),
        FieldPanel("section_order"),
        FieldPanel("generated"),
        FieldPanel("concerned_partners"),
    ]


class SectionViewSet(SnippetViewSet):
    model = Section
    icon = "doc-empty"
    menu_label = _("Sections")
    list_display = ["title", "chapter", "kind", "partner", "agreement"]
    list_filter = ["chapter__guide", "kind"]
    search_fields = ["title", "body"]
    panels = [
        FieldPanel("chapter"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("partner"),
        FieldPanel("agreement"),
        FieldPanel("position"),
        FieldPanel("body"),
        FieldPanel("embed_listing"),
        FieldPanel("embed_hs_codes"),
        FieldPanel("embed_parties"),
    ]


class GuideGroup(SnippetViewSetGroup):
    menu_label = _("Green Customs Guide")
    menu_icon = "doc-full-inverse"
    menu_order = 250
    items = (GuideViewSet, ChapterViewSet, SectionViewSet)


register_snippet(GuideGroup)
