from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "greencustoms.website"
    label = "website"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = ""  # /search/ and /feeds/… sit at the root, before Wagtail's page tree
    nav = [
        ("website:about", _("About"), "public"),
        ("website:partners", _("Partners"), "public"),
        ("website:news", _("News"), "public"),
        ("website:contact", _("Contact"), "public"),
    ]
