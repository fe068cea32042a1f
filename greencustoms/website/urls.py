from django.urls import path
from wagtail.views import serve as wagtail_serve

from greencustoms.website import feeds, views

app_name = "website"

# The top-level Wagtail pages get URL names (for the navigation registry) yet are served by Wagtail
# itself, with every before_serve_page hook: the access policy still decides.
TOP_LEVEL_PAGES = ["about", "partners", "news", "contact"]

urlpatterns = [
    *[path(f"{slug}/", wagtail_serve, {"path": f"{slug}/"}, name=slug) for slug in TOP_LEVEL_PAGES],
    path("search/", views.search, name="search"),
    path("translations/pages/", views.translation_status, name="translation_status"),
    path("legal/", views.notice, {"kind": "legal"}, name="legal"),
    path("privacy/", views.notice, {"kind": "privacy"}, name="privacy"),
    path("accessibility/", views.notice, {"kind": "accessibility"}, name="accessibility"),
    path("feeds/news.rss", feeds.NewsFeed(), name="news_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="news_atom"),
    path("feeds/documents.rss", feeds.DocumentsFeed(), name="documents_rss"),
]
