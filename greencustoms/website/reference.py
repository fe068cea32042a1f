"""Make sure the Wagtail site has its home page (idempotent)."""

from typing import TextIO

from django.db import transaction
from wagtail.models import Locale, Page, Site

from greencustoms.website.models import HomePage


@transaction.atomic
def load(*, stdout: TextIO) -> None:
    for code in ("en", "fr", "es"):  # one page tree per language (WAGTAIL_I18N_ENABLED)
        Locale.objects.get_or_create(language_code=code)
    home = HomePage.objects.filter(locale__language_code="en").first() or HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:  # Wagtail's migration made one; a flushed test database has none
            root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
        # Wagtail's initial migration creates a placeholder "Welcome" page; replace it.
        for child in root.get_children():
            if not isinstance(child.specific, HomePage) and child.slug == "home":
                Site.objects.filter(root_page=child).delete()
                child.delete()
        home = root.add_child(instance=HomePage(title="Green Customs Initiative", slug="home", live=True))
        stdout.write("website: home page created\n")
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Green Customs"
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
