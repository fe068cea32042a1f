from django.urls import path

from greencustoms.licensing import views

app_name = "licensing"

urlpatterns = [
    path("", views.system_list, name="system_list"),
    path("countries/<str:country>/", views.country_detail, name="country_detail"),
    path("templates/<str:kind>.<str:fmt>", views.template_download, name="template_download"),
    path("import/", views.records_import, name="records_import"),
    path("ipic/", views.consultation_list, name="consultation_list"),
    path("ipic/new/", views.consultation_create, name="consultation_create"),
    path("ipic/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path("mirror/", views.mirror_list, name="mirror_list"),
    path("mirror/<int:pk>/", views.mirror_detail, name="mirror_detail"),
    path("mirror/<int:pk>/result.<str:fmt>", views.mirror_download, name="mirror_download"),
    path("mirror/<int:pk>/delete/", views.mirror_delete, name="mirror_delete"),
]
