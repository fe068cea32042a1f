from django.urls import path

from greencustoms.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.round_list, name="list"),
    path("<int:pk>/", views.round_detail, name="detail"),
    path("<int:pk>/answer/", views.answer, name="answer"),
]
