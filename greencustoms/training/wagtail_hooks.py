"""Administration of training in the Wagtail admin (secretariat): workshops, model agendas, rosters, package."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from greencustoms.training.models import (
    Accreditation,
    AdministrationFocalPoint,
    InstituteAdoption,
    ModelAgenda,
    ModelAgendaItem,
    PackageFile,
    PackageVersion,
    ResourcePerson,
    TrainerDelivery,
    Workshop,
)


class WorkshopViewSet(SnippetViewSet):
    model = Workshop
    icon = "group"
    list_display = ["event", "kind", "status", "region"]
    list_filter = ["kind", "status", "region"]


class ModelAgendaViewSet(SnippetViewSet):
    model = ModelAgenda
    icon = "list-ol"


class ModelAgendaItemViewSet(SnippetViewSet):
    model = ModelAgendaItem
    icon = "list-ul"
    list_display = ["agenda", "day", "title"]


class ResourcePersonViewSet(SnippetViewSet):
    model = ResourcePerson
    icon = "user"
    list_display = ["name", "nominating_partner", "region", "in_expert_database"]
    list_filter = ["region", "in_expert_database"]


class AccreditationViewSet(SnippetViewSet):
    model = Accreditation
    icon = "success"
    list_display = ["person", "partner", "agreement", "granted_on", "expires_on"]


class PackageVersionViewSet(SnippetViewSet):
    model = PackageVersion
    icon = "doc-full"
    list_display = ["agreement", "partner", "language", "number", "status"]
    list_filter = ["status", "language"]


class PackageFileViewSet(SnippetViewSet):
    model = PackageFile
    icon = "doc-full-inverse"
    list_display = ["version", "title", "for_print"]


class AdministrationFocalPointViewSet(SnippetViewSet):
    """The secretariat records whom each administration designated to nominate its workshop participants."""

    model = AdministrationFocalPoint
    icon = "user"
    list_display = ["user", "administration", "country", "active"]
    list_filter = ["country", "active"]


class TrainerDeliveryViewSet(SnippetViewSet):
    model = TrainerDelivery
    icon = "redirect"


class InstituteAdoptionViewSet(SnippetViewSet):
    model = InstituteAdoption
    icon = "home"
    list_display = ["institute", "country", "adopted_on"]


class TrainingGroup(SnippetViewSetGroup):
    menu_label = _("Training")
    menu_icon = "group"
    menu_order = 310
    items = (
        WorkshopViewSet,
        AdministrationFocalPointViewSet,
        ModelAgendaViewSet,
        ModelAgendaItemViewSet,
        ResourcePersonViewSet,
        AccreditationViewSet,
        PackageVersionViewSet,
        PackageFileViewSet,
        TrainerDeliveryViewSet,
        InstituteAdoptionViewSet,
    )


register_snippet(TrainingGroup)
