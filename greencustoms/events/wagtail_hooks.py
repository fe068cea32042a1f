"""Administration of meetings in the Wagtail admin (secretariat): meetings, agenda, participants, outcomes, reports."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from greencustoms.events.models import (
    Event,
    KeyOutcome,
    MeetingReport,
    MeetingSession,
    Participant,
    SessionDocument,
)


class EventViewSet(SnippetViewSet):
    model = Event
    icon = "date"
    list_display = ["title", "kind", "start", "end", "access_level"]
    list_filter = ["kind", "access_level"]
    search_fields = ["title", "venue", "city"]


class SessionViewSet(SnippetViewSet):
    model = MeetingSession
    icon = "list-ul"
    list_display = ["event", "label", "title", "day", "start_time"]
    list_filter = ["event"]


class SessionDocumentViewSet(SnippetViewSet):
    model = SessionDocument
    icon = "doc-full"
    list_display = ["session", "title", "url"]


class ParticipantViewSet(SnippetViewSet):
    model = Participant
    icon = "user"
    list_display = ["event", "organization_name", "name", "role", "mode"]
    list_filter = ["event"]


class KeyOutcomeViewSet(SnippetViewSet):
    model = KeyOutcome
    icon = "success"
    list_display = ["event", "order", "text"]
    list_filter = ["event"]


class MeetingReportViewSet(SnippetViewSet):
    model = MeetingReport
    icon = "doc-full-inverse"
    list_display = ["event", "status", "finalized_at"]


class MeetingsGroup(SnippetViewSetGroup):
    menu_label = _("Meetings")
    menu_icon = "date"
    menu_order = 300
    items = (
        EventViewSet,
        SessionViewSet,
        SessionDocumentViewSet,
        ParticipantViewSet,
        KeyOutcomeViewSet,
        MeetingReportViewSet,
    )


register_snippet(MeetingsGroup)
