from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "greencustoms.website"
    label = "website"
    verbose_name = _("Website")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = ""  # /search/ and /feeds/… sit at the root, before Wagtail's page tree
    nav = [
        ("website:about", _("About"), "public", "initiative"),
        ("website:partners", _("Partners"), "public", "initiative"),
        ("website:news", _("News"), "public", "initiative"),
        ("website:contact", _("Contact"), "public", "initiative"),
    ]

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        # local import: ready() runs once the app registry is loaded (the module imports models)
        from greencustoms.accounts import services as account_services
        from greencustoms.website.languages import remember_at_sign_in, user_language

        user_logged_in.connect(remember_at_sign_in, dispatch_uid="website.remember_language")
        account_services.connect_recipient_language(user_language)  # vetting mails in the officer's language
