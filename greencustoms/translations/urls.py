from django.urls import path

from greencustoms.translations import views

app_name = "translations"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:language>/", views.language, name="language"),
    path("<str:language>/<str:kind>/<str:key>/", views.edit, name="edit"),
]
