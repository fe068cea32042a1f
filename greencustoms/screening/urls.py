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
    path("jobs/<int:pk>/decide/", views.line_decide, name="line_decide"),
    path("jobs/<int:pk>/decisions/", views.decisions, name="decisions"),
    path("jobs/<int:pk>/case/", views.case_draft, name="case_draft"),
    path("jobs/<int:pk>/lines.csv", views.download_lines, name="download_lines"),
    re_path(r"^jobs/(?P<pk>\d+)/inspection\.(?P<fmt>pdf|xlsx)$", views.inspection_list, name="inspection"),
    re_path(r"^template\.(?P<fmt>csv|xlsx)$", views.input_template, name="template"),
    path("preview/", views.upload_preview, name="preview"),
    path("indicators/", views.indicators, name="indicators"),
    path("indicators/<int:pk>/delete/", views.indicator_delete, name="indicator_delete"),
]
