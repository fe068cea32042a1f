"""Pages of the agreements domain, under /agreements/."""

from django.urls import path, re_path

from greencustoms.agreements import views

app_name = "agreements"

urlpatterns = [
    path("", views.lookup, name="lookup"),
    path("list/", views.agreement_list, name="list"),
    path("annex/", views.annex, name="annex"),
    re_path(r"^annex\.(?P<fmt>csv|xlsx|pdf)$", views.annex_download, name="annex_download"),
    path("releases/", views.releases, name="releases"),
    path("hs/<str:edition>/<str:code>/", views.hs_code, name="hs_code"),
    path("<slug:slug>/", views.agreement_detail, name="detail"),
    path("<slug:slug>/<str:item_id>/", views.item_detail, name="item"),
]
