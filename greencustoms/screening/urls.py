"""Pages of the screening domain, under /screening/."""

from django.urls import path, re_path

from greencustoms.screening import views

app_name = "screening"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("history/", views.history, name="history"),
    path("jobs/<int:pk>/", views.job, name="job"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/delete/", views.job_delete, name="job_delete"),
    re_path(
        r"^jobs/(?P<pk>\d+)/(?P<kind>hits|errors)\.(?P<fmt>csv|json|parquet)$",
        views.download,
        name="download",
    ),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
]
