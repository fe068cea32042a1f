"""Root URLs: the API and admin outside language prefixes; every app's pages under /<app>/ per language."""

from importlib.util import find_spec

from django.apps import apps
from django.conf.urls.i18n import i18n_patterns
from django.http import HttpRequest, HttpResponse
from django.urls import include, path, re_path
from django.views.decorators.cache import never_cache
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from greencustoms.api.api import api
from greencustoms.api.views import not_found as api_not_found
from greencustoms.website import views as website_views
from greencustoms.website.sitemaps import SITEMAPS


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


def _app_urls() -> list:
    """Every greencustoms app with a urls module, mounted at /<url_prefix or label>/."""
    patterns = []
    for config in apps.get_app_configs():
        if not config.name.startswith("greencustoms.") or config.label == "accounts":
            continue
        if find_spec(f"{config.name}.urls") is None:
            continue
        prefix = getattr(config, "url_prefix", config.label)
        patterns.append(path(f"{prefix}/" if prefix else "", include(f"{config.name}.urls")))
    return patterns


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),  # any other path under /api/: a JSON 404, never a redirect
    # The language switch also saves the choice on the signed-in user's profile.
    path("i18n/setlang/", website_views.set_language, name="set_language"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}),
    path("healthz", healthz),
]
urlpatterns += i18n_patterns(
    path("account/", include("greencustoms.accounts.urls")),
    *_app_urls(),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)

# A database outage or a full disk met before the view (session, user, upload parsing) answers 503.
handler500 = "greencustoms.website.outage.server_error"
