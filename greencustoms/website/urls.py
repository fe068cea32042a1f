from django.urls import path

from greencustoms.website import feeds, views

app_name = "website"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("feeds/news.rss", feeds.NewsFeed(), name="news_rss"),
    path("feeds/news.atom", feeds.NewsAtomFeed(), name="news_atom"),
    path("feeds/documents.rss", feeds.DocumentsFeed(), name="documents_rss"),
]
