"""Wagtail pages of the public website: home, about, partners, news and contact."""

from __future__ import annotations

import re
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from greencustoms.accounts.policy import Level, LevelField
from greencustoms.partners.selectors import partner_list
from greencustoms.website.navigation import home_panels


class FallbackRouteMixin:
    """Routing through a French or Spanish tree that falls back to English where a page is not translated.

    A child missing from this locale's tree is looked up under the English counterpart of this page; the
    English page found is served (its template shows the "not translated" note), unless it has a
    translation in this locale elsewhere in the tree, which is then served instead.
    """

    def route(self, request: HttpRequest, path_components: list[str]) -> Any:
        try:
            return super().route(request, path_components)  # type: ignore[misc]
        except Http404:
            if not path_components:
                raise
            default = Locale.get_default()
            if self.locale_id == default.pk:  # type: ignore[attr-defined]
                raise
            source = self.get_translation_or_none(default)  # type: ignore[attr-defined]
            if source is None:
                raise
            found = source.specific.route(request, path_components)
            own = found.page.get_translation_or_none(self.locale)  # type: ignore[attr-defined]
            if own is not None and own.live:
                return RouteResult(own.specific, found.args, found.kwargs)
            return found


class LevelledPage(FallbackRouteMixin, Page):
    """A page with an access level: served, searched, listed, fed and mapped only for those who may see it."""

    access_level = LevelField(verbose_name=_("access level"))

    settings_panels = [*Page.settings_panels, FieldPanel("access_level")]

    class Meta:
        abstract = True

    @property
    def is_restricted(self) -> bool:
        """Above the public level: the page shows its level as a badge."""
        return bool(self.access_level) and self.access_level != Level.PUBLIC

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        if self.access_level != Level.PUBLIC:
            return []
        return super().get_sitemap_urls(request)


class HomePage(FallbackRouteMixin, Page):
    """The home page: what the initiative is, its strategy and its partners."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    max_count = len(settings.LANGUAGES)  # one home per language tree
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # What the viewer may see (news, events, documents) the template reads through the selectors
        # ({% load website_pages %}): the page models stay below the selectors.
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = partner_list()
        context["panels"] = home_panels(request)
        context["sections"] = self.get_children().live().public().specific()
        return context


class AboutPage(LevelledPage):
    """What the initiative is: its mandate, terms of reference and strategy."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["website.HomePage", "website.AboutPage"]

    class Meta:
        verbose_name = _("about page")


class PartnersIndexPage(LevelledPage):
    """The list of partner organizations, one child page each."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.PartnerPage"]
    max_count_per_parent = 1  # one per language tree

    class Meta:
        verbose_name = _("partners index")
        verbose_name_plural = _("partners indexes")


class PartnerPage(LevelledPage):
    """A partner organization's page: who it is, its two links (general, customs publications), its documents."""

    # One page per partner and language (the French and Spanish pages are translations of the English one).
    partner = models.ForeignKey(
        "partners.Partner",
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("partner organization"),
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)
    customs_url = models.URLField(
        _("customs publications page"),
        blank=True,
        help_text=_("Leave empty to use the partner's registered page."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("partner"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("customs_url"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["website.PartnersIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("partner page")

    # The policy lets a partner's staff change what their organization owns.
    @property
    def owner_partner_id(self) -> int | None:
        return self.partner_id

    @property
    def general_url(self) -> str:
        return self.partner.website

    @property
    def customs_publications_url(self) -> str:
        return self.customs_url or self.partner.customs_page


class NewsIndexPage(LevelledPage):
    """The news of the initiative, newest first, with RSS and Atom feeds."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["website.NewsPage"]
    max_count_per_parent = 1  # one per language tree

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")


class NewsPage(LevelledPage):
    """A news item."""

    date = models.DateField(_("date"))
    intro = models.TextField(_("summary"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("date"), FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["website.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        ordering = ["-date"]


#: Local parts that name a function, not a person.
GENERIC_LOCAL_PARTS = re.compile(
    r"^(info|information|contact|contacts|secretariat|office|press|media|help|support|enquiries|inquiries|"
    r"greencustoms|green-customs|gci|unep|ozonaction|brs|cites|opcw|enforcement|communications?)([._-][a-z0-9]+)*$"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


def validate_generic_addresses(text: str) -> None:
    """Refuse personal e-mail addresses: the contact page gives function addresses only."""
    personal = [
        m.group(0)
        for m in EMAIL.finditer(text or "")
        if not GENERIC_LOCAL_PARTS.match(m.group(0).split("@")[0].lower())
    ]
    if personal:
        raise ValidationError(
            _("Only generic addresses (info@, contact@, secretariat@ …) may be published; not: %(list)s")
            % {"list": ", ".join(personal)}
        )


class ContactPage(LevelledPage):
    """How to reach the initiative and its partners, through generic addresses only."""

    intro = models.TextField(_("introduction"), blank=True, validators=[validate_generic_addresses])
    email = models.EmailField(_("generic address"), blank=True, validators=[validate_generic_addresses])
    body = RichTextField(_("body"), blank=True, validators=[validate_generic_addresses])

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("email"), FieldPanel("body")]
    parent_page_types = ["website.HomePage"]
    max_count_per_parent = 1  # one per language tree

    class Meta:
        verbose_name = _("contact page")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["partners"] = [p for p in partner_list() if p.contact_email or p.contact_url]
        return context


class LanguagePreference(models.Model):
    """The language a signed-in person last chose in the language switch (their profile's language)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="language_preference"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("language preference")
        verbose_name_plural = _("language preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.language}"
